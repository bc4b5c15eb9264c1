//! `blindspot lsp`: a language server over stdio (`lsp-server`, the synchronous transport
//! rust-analyzer uses: blindspot's scan is synchronous and parallel with rayon, so no async
//! runtime is needed).
//!
//! The main thread only reads messages, keeps the open buffers and answers hovers and code
//! actions from the last results; a worker thread scans. An edit queues the module
//! directory (Terraform) or template (CloudFormation) of the file; the worker waits until
//! no edit came for the debounce delay, then re-scans each queued target with the unsaved
//! buffers as an overlay and publishes the diagnostics of every file of the target.

pub mod convert;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionOptions, CodeActionOrCommand, CodeActionProviderCapability, Hover, HoverContents,
    HoverProviderCapability, InitializeParams, MarkupContent, MarkupKind, PublishDiagnosticsParams, SaveOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};

use crate::scan::{Options, ParseCache, scan};
use convert::{Encoding, FileResults};

/// Default wait after the last edit before re-scanning (`initializationOptions.debounceMs`).
const DEBOUNCE_MS: u64 = 150;

/// What one scan covers: a Terraform module directory or one CloudFormation template.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Module(PathBuf),
    Template(PathBuf),
}

/// A file of a Terraform module directory (configuration or variables).
fn is_terraform(path: &Path) -> bool {
    crate::source::classify(path, &[]).is_terraform_or_vars()
}

/// Is this a blindspot config file (`.blindspot.yml`)?
fn is_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == crate::config::FILE_NAME)
}

/// The target a file belongs to; `None` for files blindspot does not read.
pub fn target_of(path: &Path) -> Option<Target> {
    if is_config(path) {
        return None;
    }
    if is_terraform(path) {
        return Some(Target::Module(path.parent()?.to_path_buf()));
    }
    crate::source::classify(path, &[])
        .is_document()
        .then(|| Target::Template(path.to_path_buf()))
}

impl Target {
    /// The directory the config file is looked for from (upwards), as `blindspot scan`
    /// does from the path it is given.
    fn config_start(&self) -> &Path {
        match self {
            Target::Module(dir) => dir,
            Target::Template(p) => p.parent().unwrap_or(p),
        }
    }

    fn contains(&self, path: &Path) -> bool {
        match self {
            Target::Module(dir) => is_terraform(path) && path.parent() == Some(dir.as_path()),
            Target::Template(p) => p == path,
        }
    }

    /// The paths to scan: every Terraform file of the module directory (so references
    /// across files and `terraform.tfvars` resolve), or the template.
    fn paths(&self) -> Vec<PathBuf> {
        match self {
            Target::Template(p) if p.is_file() => vec![p.clone()],
            Target::Template(_) => Vec::new(),
            Target::Module(dir) => {
                let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                    .map(|rd| {
                        rd.filter_map(|e| e.ok().map(|e| e.path()))
                            .filter(|p| is_terraform(p) && p.is_file())
                            .collect()
                    })
                    .unwrap_or_default();
                files.sort();
                files
            }
        }
    }
}

/// An open buffer.
#[derive(Clone, Debug)]
pub struct Doc {
    /// The URI as the client wrote it (diagnostics are published under it).
    pub uri: Url,
    pub version: i32,
    pub text: Arc<str>,
}

/// A request to the worker: targets to re-scan, with the open buffers at that moment.
struct Job {
    targets: BTreeSet<Target>,
    docs: BTreeMap<PathBuf, Doc>,
}

/// The targets of every open buffer (a config file changed: they are all checked again).
fn open_targets(docs: &BTreeMap<PathBuf, Doc>) -> BTreeSet<Target> {
    docs.keys().filter_map(|p| target_of(p)).collect()
}

/// The last results, shared by the worker (writes) and the main thread (hovers, actions).
#[derive(Default)]
struct State {
    /// By file: the buffer version the results were computed on (`None`: the file on disk).
    results: HashMap<Url, (Option<i32>, FileResults)>,
    /// The files each target last published diagnostics for (to clear them later).
    published: HashMap<Target, BTreeSet<Url>>,
}

/// Runs the server on stdin/stdout until `exit`; returns the process exit code.
pub fn run() -> i32 {
    let (connection, io) = Connection::stdio();
    let code = match serve(&connection) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("blindspot lsp: {e}");
            1
        }
    };
    drop(connection);
    if let Err(e) = io.join() {
        eprintln!("blindspot lsp: {e}");
    }
    code
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn serve(connection: &Connection) -> Result<(), BoxError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let enc = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("debounceMs")?.as_u64())
        .unwrap_or(DEBOUNCE_MS);
    let capabilities = ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        ..Default::default()
    };
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": {"name": "blindspot", "version": env!("BLINDSPOT_VERSION")},
        }),
    )?;

    let state = Arc::new(Mutex::new(State::default()));
    let (jobs, job_rx) = crossbeam_channel::unbounded::<Job>();
    let worker = {
        let state = Arc::clone(&state);
        let sender = connection.sender.clone();
        std::thread::Builder::new()
            .name("blindspot-lsp-worker".into())
            .spawn(move || worker(job_rx, sender, state, enc, Duration::from_millis(debounce)))?
    };
    let mut docs: BTreeMap<PathBuf, Doc> = BTreeMap::new();
    let queue = |docs: &BTreeMap<PathBuf, Doc>, path: &Path| {
        if is_config(path) {
            // Saved config: every open target is checked again (the config is read from disk).
            let _ = jobs.send(Job {
                targets: open_targets(docs),
                docs: docs.clone(),
            });
        } else if let Some(t) = target_of(path) {
            let _ = jobs.send(Job {
                targets: BTreeSet::from([t]),
                docs: docs.clone(),
            });
        }
    };
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    break;
                }
                let resp = answer(&req, &state, &docs);
                connection.sender.send(Message::Response(resp))?;
            }
            Message::Notification(n) => match n.method.as_str() {
                DidOpenTextDocument::METHOD => {
                    let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                    if let Ok(path) = p.text_document.uri.to_file_path() {
                        let doc = Doc {
                            uri: p.text_document.uri,
                            version: p.text_document.version,
                            text: Arc::from(p.text_document.text),
                        };
                        docs.insert(path.clone(), doc);
                        queue(&docs, &path);
                    }
                }
                DidChangeTextDocument::METHOD => {
                    let p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                    // Full synchronisation: the last change holds the whole text.
                    if let (Ok(path), Some(change)) = (p.text_document.uri.to_file_path(), p.content_changes.last())
                        && change.range.is_none()
                    {
                        let doc = Doc {
                            uri: p.text_document.uri.clone(),
                            version: p.text_document.version,
                            text: Arc::from(change.text.as_str()),
                        };
                        docs.insert(path.clone(), doc);
                        queue(&docs, &path);
                    }
                }
                DidCloseTextDocument::METHOD => {
                    let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                    if let Ok(path) = p.text_document.uri.to_file_path() {
                        docs.remove(&path);
                        queue(&docs, &path);
                    }
                }
                DidChangeWatchedFiles::METHOD => {
                    // A config file changed on disk (when the client watches it); the worker
                    // also notices a changed config by its modification time on the next check.
                    let p: lsp_types::DidChangeWatchedFilesParams = serde_json::from_value(n.params)?;
                    if p.changes
                        .iter()
                        .any(|c| c.uri.to_file_path().is_ok_and(|p| is_config(&p)))
                    {
                        let _ = jobs.send(Job {
                            targets: open_targets(&docs),
                            docs: docs.clone(),
                        });
                    }
                }
                DidSaveTextDocument::METHOD => {
                    // Other files of the module may have changed on disk with it.
                    let p: lsp_types::DidSaveTextDocumentParams = serde_json::from_value(n.params)?;
                    if let Ok(path) = p.text_document.uri.to_file_path() {
                        queue(&docs, &path);
                    }
                }
                _ => {}
            },
            Message::Response(_) => {}
        }
    }
    drop(jobs);
    let _ = worker.join();
    Ok(())
}

fn answer(req: &Request, state: &Mutex<State>, docs: &BTreeMap<PathBuf, Doc>) -> Response {
    let state = state.lock().unwrap_or_else(|e| e.into_inner());
    match req.method.as_str() {
        HoverRequest::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::HoverParams>(req.params.clone()) else {
                return bad_params(req);
            };
            let at = p.text_document_position_params.position;
            let uri = p.text_document_position_params.text_document.uri;
            let point = lsp_types::Range::new(at, at);
            let mut rules: Vec<&'static str> = Vec::new();
            let mut range = None;
            for item in state.results.get(&uri).map(|(_, r)| r.items.as_slice()).unwrap_or(&[]) {
                if let Some(rule) = item.rule
                    && convert::touches(&item.diagnostic.range, &point)
                    && !rules.contains(&rule)
                {
                    rules.push(rule);
                    range.get_or_insert(item.diagnostic.range);
                }
            }
            let text: Vec<String> = rules
                .iter()
                .filter_map(|id| crate::rules::find(id).map(crate::rules::explain))
                .collect();
            let hover = (!text.is_empty()).then(|| Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: text.join("\n---\n\n"),
                }),
                range,
            });
            Response::new_ok(req.id.clone(), hover)
        }
        CodeActionRequest::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::CodeActionParams>(req.params.clone()) else {
                return bad_params(req);
            };
            let uri = p.text_document.uri;
            let mut actions: Vec<CodeActionOrCommand> = Vec::new();
            if let Some((version, results)) = state.results.get(&uri) {
                // Edits computed on another version of the buffer would land in the wrong place.
                let current = uri.to_file_path().ok().and_then(|p| docs.get(&p)).map(|d| d.version);
                if current == *version {
                    for item in &results.items {
                        if convert::touches(&item.diagnostic.range, &p.range) {
                            actions.extend(item.actions.iter().cloned().map(CodeActionOrCommand::CodeAction));
                        }
                    }
                }
            }
            Response::new_ok(req.id.clone(), actions)
        }
        _ => Response::new_err(
            req.id.clone(),
            ErrorCode::MethodNotFound as i32,
            format!("unhandled method {}", req.method),
        ),
    }
}

fn bad_params(req: &Request) -> Response {
    Response::new_err(
        req.id.clone(),
        ErrorCode::InvalidParams as i32,
        "invalid parameters".into(),
    )
}

fn worker(jobs: Receiver<Job>, sender: Sender<Message>, state: Arc<Mutex<State>>, enc: Encoding, debounce: Duration) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut checker = Checker::default();
    // Config files whose error is shown (a diagnostic on the file).
    let mut config_errors: BTreeMap<PathBuf, String> = BTreeMap::new();
    while let Ok(mut job) = jobs.recv() {
        // Debounce: gather every job that arrives before a pause; the newest buffers win.
        loop {
            match jobs.recv_timeout(debounce) {
                Ok(next) => {
                    job.targets.extend(next.targets);
                    job.docs = next.docs;
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        for target in &job.targets {
            // A bug must not end the server: the target gets no diagnostics this time.
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                checker.check(target, &job.docs, enc, &cwd)
            }));
            let (published, config) = match checked {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("blindspot lsp: internal error while checking {target:?}");
                    continue;
                }
            };
            let mut messages = Vec::new();
            if let Some((path, error)) = config
                && config_errors.get(&path) != error.as_ref()
                && let Ok(uri) = Url::from_file_path(&path)
            {
                let diagnostics = match &error {
                    Some(e) => {
                        let text = format!("blindspot: {e}; the built-in defaults are used");
                        messages.push(Notification::new(
                            ShowMessage::METHOD.into(),
                            lsp_types::ShowMessageParams {
                                typ: lsp_types::MessageType::ERROR,
                                message: text.clone(),
                            },
                        ));
                        config_errors.insert(path, e.clone());
                        vec![lsp_types::Diagnostic {
                            range: config_error_range(e),
                            severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                            source: Some("blindspot".into()),
                            message: text,
                            ..Default::default()
                        }]
                    }
                    None => {
                        config_errors.remove(&path);
                        Vec::new()
                    }
                };
                let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
                messages.push(Notification::new(PublishDiagnostics::METHOD.into(), params));
            }
            let mut st = state.lock().unwrap_or_else(|e| e.into_inner());
            let before = st.published.remove(target).unwrap_or_default();
            let mut now = BTreeSet::new();
            for (uri, version, results) in published {
                let params = PublishDiagnosticsParams::new(
                    uri.clone(),
                    results.items.iter().map(|i| i.diagnostic.clone()).collect(),
                    version,
                );
                messages.push(Notification::new(PublishDiagnostics::METHOD.into(), params));
                now.insert(uri.clone());
                st.results.insert(uri, (version, results));
            }
            for uri in before.difference(&now) {
                st.results.remove(uri);
                let params = PublishDiagnosticsParams::new(uri.clone(), Vec::new(), None);
                messages.push(Notification::new(PublishDiagnostics::METHOD.into(), params));
            }
            st.published.insert(target.clone(), now);
            drop(st);
            for m in messages {
                if sender.send(Message::Notification(m)).is_err() {
                    return;
                }
            }
        }
    }
}

/// Where a config error points (`FILE:LINE:COLUMN: message`), else the start of the file.
fn config_error_range(error: &str) -> lsp_types::Range {
    let at = error
        .find(crate::config::FILE_NAME)
        .map(|i| &error[i + crate::config::FILE_NAME.len()..]);
    let mut parts = at.and_then(|r| r.strip_prefix(':')).unwrap_or("").splitn(3, ':');
    let num = |p: Option<&str>| p.and_then(|n| n.parse::<u32>().ok()).filter(|n| *n > 0);
    match (num(parts.next()), num(parts.next())) {
        (Some(line), Some(col)) => {
            let p = lsp_types::Position::new(line - 1, col - 1);
            lsp_types::Range::new(p, p)
        }
        _ => lsp_types::Range::default(),
    }
}

/// A config file as last read: its modification time and length, and the scan options it
/// gives (or its error).
struct LoadedConfig {
    stamp: Option<(std::time::SystemTime, u64)>,
    options: Result<Options, String>,
}

fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// What one check found about the config file in effect: its path and its error, if any.
pub type ConfigStatus = Option<(PathBuf, Option<String>)>;

/// The worker's memory between checks: parsed files (by buffer version, or modification
/// time and length on disk) and config files (re-read when they change on disk).
#[derive(Default)]
pub struct Checker {
    cache: Arc<ParseCache>,
    configs: HashMap<PathBuf, LoadedConfig>,
}

impl Checker {
    /// Files taken from the parse cache and files parsed so far.
    pub fn cache_stats(&self) -> (usize, usize) {
        self.cache.stats()
    }

    /// The scan options for a target: those of the nearest `.blindspot.yml` above it
    /// (as `blindspot scan` finds it), else the defaults; a config that cannot be read or
    /// is invalid gives the defaults and its error.
    fn options(&mut self, target: &Target) -> (Options, ConfigStatus) {
        let Some(path) = crate::config::discover(target.config_start()) else {
            return (Options::default(), None);
        };
        let now = stamp(&path);
        let fresh = self.configs.get(&path).is_some_and(|c| c.stamp == now && now.is_some());
        if !fresh {
            let options = crate::config::load(&path).and_then(|cfg| crate::cli::config_options(&cfg));
            self.configs.insert(path.clone(), LoadedConfig { stamp: now, options });
        }
        match &self.configs[&path].options {
            Ok(o) => (o.clone(), Some((path, None))),
            Err(e) => (Options::default(), Some((path, Some(e.clone())))),
        }
    }

    /// Scans one target with the open buffers; returns what to publish for each file: every
    /// file with a diagnostic, and every open buffer of the target (empty when clean); and
    /// the config file in effect with its error.
    pub fn check(
        &mut self,
        target: &Target,
        docs: &BTreeMap<PathBuf, Doc>,
        enc: Encoding,
        cwd: &Path,
    ) -> (Vec<(Url, Option<i32>, FileResults)>, ConfigStatus) {
        let paths = target.paths();
        let mut by_uri = BTreeMap::new();
        let (base, mut config) = self.options(target);
        if !paths.is_empty() {
            let opts = Options {
                paths: paths.clone(),
                overlay: docs.iter().map(|(p, d)| (p.clone(), Arc::clone(&d.text))).collect(),
                cache: Some(Arc::clone(&self.cache)),
                ..base
            };
            let out = match scan(&opts) {
                // A config the scan rejects (an unknown rule id): its error, and the defaults.
                Err(e) if matches!(config, Some((_, None))) => {
                    if let Some((_, error)) = &mut config {
                        *error = Some(e);
                    }
                    scan(&Options {
                        paths,
                        overlay: opts.overlay.clone(),
                        cache: opts.cache.clone(),
                        ..Default::default()
                    })
                }
                other => other,
            };
            if let Ok(mut out) = out {
                crate::fix::attach(&mut out);
                by_uri = convert::results(&out, enc, cwd);
            }
        }
        // Open buffers under the client's own URI (its spelling may differ from ours).
        let mut published: BTreeMap<Url, (Option<i32>, FileResults)> = BTreeMap::new();
        for (uri, r) in by_uri {
            match uri.to_file_path().ok().and_then(|p| docs.get(&p)) {
                Some(d) => published.insert(d.uri.clone(), (Some(d.version), r)),
                None => published.insert(uri, (None, r)),
            };
        }
        for d in docs.iter().filter(|(p, _)| target.contains(p)).map(|(_, d)| d) {
            published
                .entry(d.uri.clone())
                .or_insert((Some(d.version), FileResults::default()));
        }
        (published.into_iter().map(|(uri, (v, r))| (uri, v, r)).collect(), config)
    }
}
