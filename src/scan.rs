//! The scanning pipeline: discover -> read and parse (parallel) -> evaluate units ->
//! build the model -> run rules -> sorted findings.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::discover::{discover, display_path};
use crate::finding::Finding;
use crate::frontend::{Diagnostic, Unit, cloudformation, terraform};
use crate::policy::Severity;
use crate::rules::{self, Context, RULES};
use crate::source::{FileId, FileKind, SourceFile, Span, classify, classify_document};
use crate::suppress::Suppressed;
use crate::{adapt, doc};

mod report;

/// Files larger than this are reported, not parsed.
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;
/// Parser threads get a large stack: deeply nested input must end in an error, not an abort.
const STACK_SIZE: usize = 64 * 1024 * 1024;

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub account: bool,
    pub strict: bool,
    /// Run only these rules (ids or names); empty means all.
    pub only: Vec<String>,
    pub skip: Vec<String>,
    pub threads: Option<usize>,
    /// Minimum retention for security log groups, in days (default 365).
    pub min_retention_days: Option<f64>,
    /// Buckets and log groups that hold logs from outside the scanned code.
    pub log_buckets: Vec<String>,
    pub log_groups: Vec<String>,
    /// Config `service_logs_are_security_logs`: `Some(false)` keeps service-log
    /// destinations out of the log-store sets (default true).
    pub service_logs_are_security_logs: Option<bool>,
    /// `--var-file FILE` (Terraform variable definitions, applied to every root module).
    pub var_files: Vec<PathBuf>,
    /// `--var NAME=VALUE`.
    pub vars: Vec<String>,
    /// CloudFormation parameter values, `NAME=VALUE` (`--cfn-param`); they win over files.
    pub cfn_params: Vec<String>,
    /// CloudFormation parameter files (`--cfn-params`).
    pub cfn_param_files: Vec<PathBuf>,
    /// Severity overrides per rule (id or name), from the config file.
    pub severity: BTreeMap<String, Severity>,
    /// Turns every inline and `Metadata` suppression off (`--no-inline-suppressions`).
    pub no_inline_suppressions: bool,
    /// SUP-02 also judges peer tools' suppressions (`--unused-peer-suppressions`).
    pub unused_peer_suppressions: bool,
    /// Glob patterns (relative paths, `/`-separated) of files never to scan.
    pub exclude: Vec<String>,
    /// The day expiring suppressions are compared with (`YYYY-MM-DD`); default: today (UTC).
    pub today: Option<String>,
    /// Counters a progress display can watch (files found, files read and parsed).
    pub progress: Progress,
    /// EKS control plane log types EKS-01 requires; `None`: `audit`, `authenticator`.
    pub eks_required_log_types: Option<Vec<String>>,
    /// Account services enabled outside the scan (`cloudtrail`, `config`, `guardduty`, `securityhub`).
    pub provided_elsewhere: Vec<String>,
    /// Config `data_events`: `Some("all_buckets")` makes CT-08 require a multi-region trail
    /// recording the data events of all buckets; default `any`.
    pub data_events: Option<String>,
    /// Opt-in rules (`default_enabled = false`) to run, by id or name.
    pub enable: Vec<String>,
    /// Guard policy files or folders (`--policy`, config `policies:`).
    pub policies: Vec<PathBuf>,
    /// Severity of Guard rules by rule name (config `policy_severity:`; default medium).
    pub policy_severity: BTreeMap<String, Severity>,
    /// Unsaved editor buffers (`blindspot lsp`): absolute path -> text, read instead of the
    /// file on disk when that file is scanned.
    pub overlay: BTreeMap<PathBuf, Arc<str>>,
    /// Parsed files kept from one scan to the next (`blindspot lsp`): a file whose buffer or
    /// whose bytes on disk did not change is not parsed again (see [`ParseCache`]).
    pub cache: Option<Arc<ParseCache>>,
}

/// Parsed Terraform files kept between scans, so a re-check after an edit re-parses only
/// the changed file (issue 16 item 6). An entry is used when the file has the same
/// number in the scan ([`FileId`]: spans carry it) and the same key: for an unsaved
/// buffer, the very text the overlay holds (one `Arc` per document version in the
/// language server, so this is the (URI, version) key); for a file on disk, its
/// modification time and length. CloudFormation templates are not kept: a template is its
/// own target, so the file that changed is the one scanned.
#[derive(Default)]
pub struct ParseCache {
    entries: std::sync::Mutex<std::collections::HashMap<PathBuf, CacheEntry>>,
    hits: std::sync::atomic::AtomicUsize,
    misses: std::sync::atomic::AtomicUsize,
}

impl std::fmt::Debug for ParseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (hits, misses) = self.stats();
        f.debug_struct("ParseCache")
            .field("hits", &hits)
            .field("misses", &misses)
            .finish()
    }
}

impl ParseCache {
    /// Files taken from the cache and files parsed, since the cache was made.
    pub fn stats(&self) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.hits.load(Relaxed), self.misses.load(Relaxed))
    }
}

struct CacheEntry {
    key: CacheKey,
    id: FileId,
    text: Arc<str>,
    parsed: Parsed,
}

enum CacheKey {
    /// An editor buffer: the overlay's text itself.
    Buffer(Arc<str>),
    /// A file on disk: modification time and length.
    Disk(std::time::SystemTime, u64),
}

impl CacheKey {
    fn of(path: &Path, buffer: Option<&Arc<str>>) -> Option<CacheKey> {
        if let Some(text) = buffer {
            return Some(CacheKey::Buffer(Arc::clone(text)));
        }
        let meta = std::fs::metadata(path).ok()?;
        Some(CacheKey::Disk(meta.modified().ok()?, meta.len()))
    }

    fn same(&self, other: &CacheKey) -> bool {
        match (self, other) {
            (CacheKey::Buffer(a), CacheKey::Buffer(b)) => Arc::ptr_eq(a, b),
            (CacheKey::Disk(t1, l1), CacheKey::Disk(t2, l2)) => t1 == t2 && l1 == l2,
            _ => false,
        }
    }
}

/// A copy of a parse result that does not depend on the rest of the scan (`None` for the
/// others: templates, plans).
fn cacheable(parsed: &Parsed) -> Option<Parsed> {
    match parsed {
        Parsed::Terraform(p) => Some(Parsed::Terraform(p.clone())),
        Parsed::Vars(v) => Some(Parsed::Vars(v.clone())),
        Parsed::Error(d) => Some(Parsed::Error(d.clone())),
        Parsed::NotOurs => Some(Parsed::NotOurs),
        _ => None,
    }
}

/// [`load_overlaid`] through the cache when there is one.
/// `defer`: a Terraform file is only read ([`Parsed::Deferred`]), when there is no cache.
fn load_cached(
    id: FileId,
    path: &Path,
    overlay: &BTreeMap<PathBuf, Arc<str>>,
    cache: Option<&ParseCache>,
    defer: bool,
) -> (SourceFile, Parsed) {
    use std::sync::atomic::Ordering::Relaxed;
    let Some(cache) = cache else {
        return load_overlaid(id, path, overlay, defer);
    };
    let abs = absolute(path);
    let key = CacheKey::of(path, overlay.get(&abs));
    if let Some(key) = &key {
        let entries = cache.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = entries.get(&abs)
            && e.id == id
            && e.key.same(key)
            && let Some(parsed) = cacheable(&e.parsed)
        {
            let text = Arc::clone(&e.text);
            drop(entries);
            cache.hits.fetch_add(1, Relaxed);
            return (SourceFile::new(display_path(path), text), parsed);
        }
    }
    cache.misses.fetch_add(1, Relaxed);
    let (file, parsed) = load_overlaid(id, path, overlay, false);
    if let Some(key) = key
        && let Some(copy) = cacheable(&parsed)
    {
        let entry = CacheEntry {
            key,
            id,
            text: Arc::clone(&file.text),
            parsed: copy,
        };
        cache
            .entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(abs, entry);
    } else {
        cache.entries.lock().unwrap_or_else(|e| e.into_inner()).remove(&abs);
    }
    (file, parsed)
}

/// Scan progress, shared with whoever displays it.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    pub total: Arc<std::sync::atomic::AtomicUsize>,
    pub done: Arc<std::sync::atomic::AtomicUsize>,
}

#[derive(Debug, Default)]
pub struct ScanOutput {
    /// Every discovered file, indexed by [`FileId`].
    pub files: Vec<SourceFile>,
    /// Number of files that held Terraform or CloudFormation.
    pub iac_files: usize,
    pub resources: usize,
    pub findings: Vec<Finding>,
    pub errors: Vec<Diagnostic>,
    pub notes: Vec<Diagnostic>,
    /// The normalized model the rules ran on.
    pub model: crate::model::Model,
    /// Terraform root modules evaluated: (directory, seconds, statistics).
    pub tf_roots: Vec<(String, f64, terraform::EvalStats)>,
    /// Findings hidden by a suppression, sorted like `findings`.
    pub suppressed: Vec<Suppressed>,
    /// Findings hidden because the baseline records them.
    pub baselined: usize,
    /// The findings `--baseline` hid (SARIF writes them as suppressed with `--include-suppressed`).
    pub baselined_findings: Vec<Finding>,
    /// Baseline entries no current finding matches any more.
    pub fixed: usize,
    /// The rules whose findings are reported (after `--rule`/`--skip`).
    pub selected: Vec<&'static str>,
    /// Checks of the selected rules whose decision depends on a value that cannot be known
    /// statically (reported only with `--strict`; 0 under `--strict`).
    pub unknown: usize,
    /// (rule, resource) pairs the selected rules evaluated, in rule order.
    pub checked: Vec<(&'static str, crate::model::ResourceId)>,
    /// The Guard rules of the policies loaded (`--policy`), for SARIF `rules[]`.
    pub guard_rules: Vec<crate::guard::GuardRule>,
    /// The minimum retention of security log groups the rules used (days), for fixes.
    pub min_retention_days: f64,
}

impl ScanOutput {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
}

/// What reading and parsing one file gave.
enum Parsed {
    Terraform(terraform::ParsedFile),
    Vars(terraform::VarsFile),
    /// A CloudFormation template that creates nested stacks, evaluated once every
    /// template is known.
    Template(doc::Node),
    /// A CloudFormation template that creates no nested stack, already evaluated as a
    /// top-level template; its tree is dropped (see [`template_parsed`]).
    Evaluated(Unit),
    /// A Terraform plan, already evaluated.
    Plan(Unit),
    /// A `.tf`/`.tf.json` file read but not parsed yet: it is parsed with its module
    /// directory in the units stage (see [`tf_parse`]).
    Deferred,
    NotOurs,
    Error(Diagnostic),
}

/// A Terraform configuration file (`.tf`, `.tf.json`) by its name.
fn is_terraform(path: &Path) -> bool {
    classify(path, &[]).is_terraform()
}

/// Text that suggests a file is CloudFormation even though it could not be parsed.
fn looks_like_cloudformation(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(b"AWSTemplateFormatVersion") || (has(b"Resources") && has(b"AWS::"))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read file: {e}"))?;
    if meta.len() > MAX_FILE_SIZE {
        return Err(format!(
            "file is too large ({} bytes; the limit is {} bytes)",
            meta.len(),
            MAX_FILE_SIZE
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read file: {e}"))
}

/// `bytes_ok` says whether the file's bytes are text; `cfn_hint` whether they mention
/// CloudFormation (so a file that cannot be parsed is an error, not "not ours"); `None`:
/// [`looks_like_cloudformation`] of `text`, computed only when a parse fails (most files
/// parse, and the search cost ~4% of the CPU on the CloudFormation set).
fn parse_file(id: FileId, path: &Path, text: &str, bytes_ok: Result<(), String>, cfn_hint: Option<bool>) -> Parsed {
    let err = |offset: Option<u32>, message: String| {
        Parsed::Error(Diagnostic {
            file: id,
            offset,
            message,
        })
    };
    // A file named on the command line is read as a document whatever its name.
    let kind = classify_document(path, text.as_bytes());
    if kind == FileKind::Terraform {
        if let Err(m) = bytes_ok {
            return err(None, m);
        }
        return match terraform::parse(id, text) {
            Ok(p) => Parsed::Terraform(p),
            Err(d) => Parsed::Error(d),
        };
    }
    if kind.is_vars() {
        if let Err(m) = bytes_ok {
            return err(None, m);
        }
        return match terraform::parse_vars(id, path, text) {
            Ok(v) => Parsed::Vars(v),
            Err(d) => Parsed::Error(d),
        };
    }
    let ours =
        || kind == FileKind::TerraformJson || cfn_hint.unwrap_or_else(|| looks_like_cloudformation(text.as_bytes()));
    if let Err(m) = bytes_ok {
        return if ours() { err(None, m) } else { Parsed::NotOurs };
    }
    let root = match parse_document(kind, text) {
        Ok(root) => root,
        Err(e) if ours() => return err(Some(e.offset as u32), e.message),
        Err(_) => return Parsed::NotOurs,
    };
    if kind == FileKind::TerraformJson {
        return match terraform::json_syntax::parse(id, text) {
            Ok(p) => Parsed::Terraform(p),
            Err(d) => Parsed::Error(d),
        };
    }
    if terraform::plan::is_plan(&root) {
        return Parsed::Plan(terraform::plan::evaluate_plan(id, &root, &adapt::wanted));
    }
    if cloudformation::is_template(&root) {
        return Parsed::Template(root);
    }
    Parsed::NotOurs
}

/// A document's tree, in the syntax [`classify`] chose: JSON for the JSON kinds, else YAML.
fn parse_document(kind: FileKind, text: &str) -> Result<doc::Node, doc::ParseError> {
    if kind.is_json() {
        doc::json::parse(text)
    } else {
        doc::yaml::parse(text)
    }
}

/// Every discovered CloudFormation template passes here once, on a worker thread, right
/// after it is parsed, with its document tree (the per-template place for whatever needs
/// the tree). A template that creates no nested stack is evaluated at once, with the
/// top-level parameter values, and its tree dropped: most templates never wait for the
/// others and the trees do not pile up (issue 18 items 3 and 4). One that creates nested
/// stacks keeps its tree for [`cloudformation::evaluate_all_with`].
fn template_parsed(file: FileId, root: doc::Node, overrides: &cloudformation::Overrides) -> Parsed {
    match std::panic::catch_unwind(AssertUnwindSafe(|| {
        cloudformation::evaluate_leaf(file, &root, overrides, &adapt::wanted)
    })) {
        Ok(Some(mut unit)) => {
            compact_unit(&mut unit);
            Parsed::Evaluated(unit)
        }
        Ok(None) => Parsed::Template(root),
        Err(_) => Parsed::Evaluated(cloudformation::internal_error_unit(file)),
    }
}

/// Gives back the spare capacity of a unit's vectors (issue 18 item 4): units wait for the
/// model while the other files are parsed, and their vectors grew by doubling.
fn compact_unit(unit: &mut Unit) {
    fn value(v: &mut crate::frontend::EVal) {
        v.prov.shrink_to_fit();
        match &mut v.v {
            crate::frontend::V::List(items) => {
                items.shrink_to_fit();
                items.iter_mut().for_each(value);
            }
            crate::frontend::V::Map(p) => fields(p),
            crate::frontend::V::Unknown { refs, .. } => refs.shrink_to_fit(),
            crate::frontend::V::OneOf { alts, .. } => {
                alts.shrink_to_fit();
                alts.iter_mut().flatten().for_each(value);
            }
            _ => {}
        }
    }
    fn fields(props: &mut Vec<crate::frontend::Prop>) {
        props.shrink_to_fit();
        props.iter_mut().for_each(|p| value(&mut p.val));
    }
    unit.resources.shrink_to_fit();
    for r in &mut unit.resources {
        fields(&mut r.props);
        r.instances.shrink_to_fit();
        r.module_calls.shrink_to_fit();
    }
}

/// Reads and parses one file.
fn load(id: FileId, path: &Path) -> (SourceFile, Parsed) {
    load_bytes(id, path, read(path), false)
}

/// Reads one file from the overlay when it is there (an editor's unsaved buffer), else from disk.
fn load_overlaid(id: FileId, path: &Path, overlay: &BTreeMap<PathBuf, Arc<str>>, defer: bool) -> (SourceFile, Parsed) {
    let text = if overlay.is_empty() {
        None
    } else {
        overlay.get(&absolute(path))
    };
    match text {
        Some(text) => load_bytes(id, path, Ok(text.as_bytes().to_vec()), defer),
        None => load_bytes(id, path, read(path), defer),
    }
}

/// Parses one file's bytes (or the error reading them); with `defer`, a Terraform file's
/// text is only kept ([`Parsed::Deferred`]).
fn load_bytes(id: FileId, path: &Path, bytes: Result<Vec<u8>, String>, defer: bool) -> (SourceFile, Parsed) {
    let shown = display_path(path);
    // Known here only when the text is dropped (not UTF-8, NUL bytes); else computed from
    // the text if its parse fails.
    let mut cfn_hint = Some(false);
    let (text, ok): (Arc<str>, Result<(), String>) = match bytes {
        Err(m) => (Arc::from(""), Err(m)),
        Ok(bytes) => match String::from_utf8(bytes) {
            // memchr's vectorized search: `str::contains('\0')` cost 0.65% of the instructions on
            // the CloudFormation set.
            Ok(s) if memchr::memchr(0, s.as_bytes()).is_some() => {
                cfn_hint = Some(looks_like_cloudformation(s.as_bytes()));
                (Arc::from(""), Err("binary file (contains NUL bytes)".into()))
            }
            Ok(s) => {
                cfn_hint = None;
                (Arc::from(s), Ok(()))
            }
            Err(e) => {
                cfn_hint = Some(looks_like_cloudformation(e.as_bytes()));
                let at = e.utf8_error().valid_up_to();
                (
                    Arc::from(""),
                    Err(format!("file is not valid UTF-8 (invalid byte at offset {at})")),
                )
            }
        },
    };
    if defer && ok.is_ok() && classify_document(path, text.as_bytes()).is_terraform() {
        return (SourceFile::new(shown, text), Parsed::Deferred);
    }
    let parsed = parse_caught(id, path, &text, ok, cfn_hint);
    (SourceFile::new(shown, text), parsed)
}

/// [`parse_file`], a panic turned into an error at the file.
fn parse_caught(id: FileId, path: &Path, text: &str, ok: Result<(), String>, cfn_hint: Option<bool>) -> Parsed {
    std::panic::catch_unwind(AssertUnwindSafe(|| parse_file(id, path, text, ok, cfn_hint))).unwrap_or_else(|_| {
        Parsed::Error(Diagnostic {
            file: id,
            offset: None,
            message: "internal error while parsing this file".into(),
        })
    })
}

/// Most module directories loaded only because a scanned module calls them.
const MAX_CALLED_DIRS: usize = 1_000;

/// Loads the module directories that scanned modules call but that were not scanned
/// themselves: downloaded modules listed in `.terraform/modules/modules.json`, and local
/// sources outside the scanned paths.
fn load_called_modules(tf: &mut TfParsed, out: &mut ScanOutput, cache: Option<&ParseCache>) {
    let mut queue: Vec<PathBuf> = tf.calls.keys().cloned().collect();
    let mut loaded = 0;
    while let Some(dir) = queue.pop() {
        let mut targets = Vec::new();
        if let Some(c) = tf.calls.get(&dir) {
            if !c.called_only {
                targets.extend(c.remote.iter().cloned());
            }
            targets.extend(c.local_targets(&dir));
        }
        for t in targets {
            if tf.calls.contains_key(&t) || loaded >= MAX_CALLED_DIRS || !t.is_dir() {
                continue;
            }
            loaded += 1;
            let mut files: Vec<PathBuf> = std::fs::read_dir(&t)
                .map(|rd| {
                    rd.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| is_terraform(p) && p.is_file())
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            let mut md = terraform::ModuleDir {
                called_only: true,
                ..Default::default()
            };
            for f in files {
                let id = FileId(out.files.len() as u32);
                let (file, parsed) = load_cached(id, &f, &BTreeMap::new(), cache, false);
                out.files.push(file);
                match parsed {
                    Parsed::Terraform(p) => {
                        out.iac_files += 1;
                        md.files.push(p);
                    }
                    Parsed::Error(d) => {
                        md.incomplete = true;
                        out.errors.push(d)
                    }
                    _ => {}
                }
            }
            tf.calls.insert(t.clone(), terraform::DirCalls::of(&md));
            tf.directives.insert(t.clone(), directives_of(&md));
            tf.modules.insert(t.clone(), md);
            queue.push(t);
        }
    }
}

/// Marks a scanned module directory that holds more `.tf`/`.tf.json` files than were
/// loaded (some excluded by `--exclude`/ignore files, or only some files named on the
/// command line): what those files declare is unseen, so no reference there is dangling.
fn mark_partly_scanned(dir: &Path, m: &mut terraform::ModuleDir) {
    if m.incomplete || m.called_only {
        return;
    }
    let on_disk = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_terraform(p) && p.is_file())
                .count()
        })
        .unwrap_or(0);
    if on_disk > m.files.len() {
        m.incomplete = true;
    }
}

/// The suppression directives of a module directory's files, in file order.
fn directives_of(md: &terraform::ModuleDir) -> Vec<crate::directive::Directive> {
    md.files.iter().flat_map(|f| f.directives.iter().cloned()).collect()
}

/// One finding per (rule, location, resource, message), listing every instance it holds for.
fn merge_instances(findings: Vec<Finding>) -> Vec<Finding> {
    let mut merged: Vec<Finding> = Vec::new();
    let mut index: std::collections::HashMap<(&'static str, Span, Option<String>, String), usize> =
        std::collections::HashMap::new();
    for f in findings {
        let key = (f.rule_id, f.span, f.resource.clone(), f.message.clone());
        match index.get(&key) {
            Some(&i) => {
                let m = &mut merged[i];
                m.instances.extend(f.instances);
                // Another module calling the same code: its call is related too.
                for step in f.related {
                    if !m.related.contains(&step) {
                        m.related.push(step);
                    }
                }
            }
            None => {
                index.insert(key, merged.len());
                merged.push(f);
            }
        }
    }
    for f in &mut merged {
        f.instances.sort();
        f.instances.dedup();
        // A finding inside a child module names the module instance(s) it is about.
        let modules: Vec<&str> = f
            .instances
            .iter()
            .filter_map(|i| {
                let r = f.resource.as_deref()?;
                let at = i.rfind(&format!(".{r}"))?;
                i.starts_with("module.").then(|| &i[..at])
            })
            .collect();
        let mut modules: Vec<&str> = modules.into_iter().filter(|m| !f.message.contains(*m)).collect();
        modules.dedup();
        if !modules.is_empty() {
            f.message = format!("{} (in {})", f.message, modules.join(", "));
        }
    }
    merged
}

/// Discovers, reads and parses the files only (the benchmark's baseline); returns the
/// number of files and bytes.
pub fn parse_only(paths: &[PathBuf], threads: Option<usize>) -> Result<(usize, usize), String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .stack_size(STACK_SIZE)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    Ok(pool.install(|| {
        // The scan's first two stages, without evaluating templates as they are parsed.
        let found = classify_files(paths, &globset::GlobSet::empty());
        let results = load_files(&found.files, &BTreeMap::new(), None, None, &Progress::default());
        (results.len(), results.iter().map(|(f, _, _)| f.text.len()).sum())
    }))
}

/// Runs a scan. `Err` is a usage error (unknown rule id).
pub fn scan(opts: &Options) -> Result<ScanOutput, String> {
    let mut selected = Vec::new();
    for key in opts.only.iter().chain(&opts.skip) {
        if rules::find(key).is_none() && !crate::rule_ids::is_guard(key) {
            return Err(format!("unknown rule \"{key}\" (see `blindspot rules`)"));
        }
    }
    for p in &opts.cfn_params {
        cloudformation::params::parse_assignment(p)?;
    }
    for key in &opts.enable {
        if rules::find(key).is_none() {
            return Err(format!("unknown rule \"{key}\" in enable (see `blindspot rules`)"));
        }
    }
    for rule in RULES {
        let matches = |k: &String| rules::find(k).is_some_and(|r| r.id == rule.id);
        // Retired rules never run; opt-in rules run only when named (`--rule`, `rules`, `enable`).
        let on = rule.policy().default_enabled || opts.enable.iter().any(matches);
        if !rule.retired()
            && (if opts.only.is_empty() {
                on
            } else {
                opts.only.iter().any(matches)
            })
            && !opts.skip.iter().any(matches)
        {
            selected.push(*rule);
        }
    }
    for key in opts.severity.keys() {
        if rules::find(key).is_none() {
            return Err(format!(
                "unknown rule \"{key}\" in severity overrides (see `blindspot rules`)"
            ));
        }
    }
    let mut globs = globset::GlobSetBuilder::new();
    for g in &opts.exclude {
        globs.add(globset::Glob::new(g).map_err(|e| format!("bad exclude pattern \"{g}\": {e}"))?);
    }
    let exclude = globs.build().map_err(|e| format!("bad exclude patterns: {e}"))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .stack_size(STACK_SIZE)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    Ok(pool.install(|| run(opts, &selected, &exclude)))
}

/// Files given on the command line: a Terraform file (`.tf`, `.tf.json`) or a variables
/// file (`.tfvars`, `.tfvars.json`) stands for its module directory (its `.tf` and `.tf.json`
/// files and the variable files Terraform loads automatically, `terraform.tfvars` and
/// `*.auto.tfvars`), so the module is evaluated exactly as in directory mode (pre-commit
/// passes files; issue 11 item 12). Returns the paths to scan and, when any
/// file was given, the places whose findings are reported (module directories and the
/// other files given).
fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Option<Vec<(PathBuf, bool)>>) {
    if paths.is_empty() {
        return (vec![PathBuf::from(".")], None);
    }
    let mut out = Vec::new();
    let mut roots = Vec::new();
    let mut any_file = false;
    for p in paths {
        if !p.is_file() {
            out.push(p.clone());
            continue;
        }
        any_file = true;
        // `./a.tf` and `a.tf` are one file.
        let p: PathBuf = p.components().filter(|c| *c != std::path::Component::CurDir).collect();
        let p = &p;
        // A tfvars file changes its module's evaluation: it stands for the module too.
        if classify(p, &[]).is_terraform_or_vars() {
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if let Ok(entries) = std::fs::read_dir(&dir) {
                let mut tf: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| dir.join(e.file_name())))
                    .map(|f| f.components().filter(|c| *c != std::path::Component::CurDir).collect())
                    .filter(|f: &PathBuf| f.is_file() && (is_terraform(f) || terraform::is_auto_vars(f)))
                    .collect();
                tf.sort();
                out.extend(tf);
            }
            roots.push((dir, false));
        } else {
            out.push(p.clone());
            roots.push((p.clone(), false));
        }
    }
    if !any_file {
        return (out, None);
    }
    // Directories given next to files are reported in full (recursively).
    roots.extend(paths.iter().filter(|p| !p.is_file()).map(|p| (p.clone(), true)));
    (out, Some(roots))
}

/// Is the file shown as `shown` one of `roots`, directly in one of the root directories,
/// or below a recursive one?
fn in_roots(shown: &str, roots: &[(String, bool)]) -> bool {
    roots.iter().any(|(r, recursive)| {
        let dir = shown.rsplit_once('/').map_or(".", |(d, _)| d);
        shown == r
            || dir == r
            || (*recursive && (r == "." || shown.starts_with(&format!("{}/", r.trim_end_matches('/')))))
    })
}

/// A Terraform root module evaluated: its first file, its unit, its timing, the error that
/// replaces a panic, and what the Guard policies found.
type Evaluated = (
    FileId,
    Unit,
    (String, f64, terraform::EvalStats),
    Option<Diagnostic>,
    crate::guard::Outcome,
);

/// Evaluates one Terraform root module with the directories it calls: the per-root place
/// for whatever needs an evaluated root.
fn tf_evaluate(
    dirs: &terraform::DirRefs,
    root: &Path,
    inputs: &terraform::Inputs,
    policies: &crate::guard::Policies,
    strict: bool,
) -> Evaluated {
    let first = dirs[root].files.iter().map(|f| f.file).min().unwrap_or_default();
    let start = std::time::Instant::now();
    // A panic is a bug, but it must not lose the module silently: it is an error
    // (exit 2) at the module's first file, and every other module is still scanned.
    let (unit, stats, error) = match std::panic::catch_unwind(AssertUnwindSafe(|| {
        terraform::evaluate_root_in(dirs, root, inputs, &adapt::wanted)
    })) {
        Ok((mut unit, stats)) => {
            compact_unit(&mut unit);
            (unit, stats, None)
        }
        Err(_) => (
            Unit::default(),
            terraform::EvalStats::default(),
            Some(Diagnostic {
                file: first,
                offset: None,
                message: "internal error while evaluating this module; its findings are missing".into(),
            }),
        ),
    };
    let timing = (display_path(root), start.elapsed().as_secs_f64(), stats);
    // Guard policies judge the evaluated root (issue 15).
    let guard = crate::guard::eval_terraform(policies, &unit, strict);
    (first, unit, timing, error, guard)
}

/// The Terraform module directories once parsed (see [`tf_parse`]).
#[derive(Default)]
struct TfParsed {
    /// The directories whose trees are kept: those some text may call, those that could
    /// not be evaluated on their own, and (later) the called ones outside the scan.
    modules: BTreeMap<PathBuf, terraform::ModuleDir>,
    /// Directories evaluated as roots as soon as they were parsed, their trees dropped
    /// (`files` emptied), with the files to parse again should a root need them after all.
    dropped: BTreeMap<PathBuf, (terraform::ModuleDir, Vec<(FileId, PathBuf)>)>,
    /// What finding the roots needs of every directory.
    calls: BTreeMap<PathBuf, terraform::DirCalls>,
    /// The suppression directives of every directory's files.
    directives: BTreeMap<PathBuf, Vec<crate::directive::Directive>>,
    /// The units of the directories evaluated as they were parsed.
    streamed: std::collections::HashMap<PathBuf, Evaluated>,
    errors: Vec<Diagnostic>,
    /// Terraform files parsed.
    iac_files: usize,
}

/// Parses the deferred files of one module directory into `md`, in path order; returns
/// the parse errors and the number of files parsed.
fn parse_tf_dir(
    md: &mut terraform::ModuleDir,
    files: &[(FileId, PathBuf)],
    texts: &[SourceFile],
) -> (Vec<Diagnostic>, usize) {
    let mut errors = Vec::new();
    let mut parsed = 0;
    for (id, path) in files {
        match parse_caught(*id, path, &texts[id.0 as usize].text, Ok(()), Some(false)) {
            Parsed::Terraform(p) => {
                parsed += 1;
                md.files.push(p);
            }
            Parsed::Error(d) => {
                md.incomplete = true;
                errors.push(d);
            }
            _ => {}
        }
    }
    (errors, parsed)
}

/// A kept module directory shared by the roots evaluated as they are parsed: parsed when
/// the first root needs it, freed when the last of the roots whose text may call it is
/// evaluated.
struct Shared {
    state: std::sync::Mutex<SlotState>,
    /// Roots still to evaluate whose text may reach it (directly or through kept directories).
    left: std::sync::atomic::AtomicUsize,
    /// What stays known of it once parsed.
    info: std::sync::OnceLock<SlotInfo>,
}

enum SlotState {
    /// Not parsed yet: its automatically loaded variable files and flags.
    Waiting(terraform::ModuleDir),
    Parsed(Arc<terraform::ModuleDir>),
    Freed,
}

struct SlotInfo {
    calls: terraform::DirCalls,
    directives: Vec<crate::directive::Directive>,
    /// The directories its local sources name.
    targets: Vec<PathBuf>,
    /// The directory without its files (what is kept once it is freed).
    skeleton: terraform::ModuleDir,
}

/// What the kept directories share while roots are evaluated.
struct Kept<'a> {
    slots: BTreeMap<PathBuf, Shared>,
    deferred: &'a BTreeMap<PathBuf, Vec<(FileId, PathBuf)>>,
    texts: &'a [SourceFile],
    errors: std::sync::Mutex<Vec<Diagnostic>>,
    parsed: std::sync::atomic::AtomicUsize,
}

impl Kept<'_> {
    /// Parses `md` (the directory `dir`, not parsed yet), recording its errors and calls.
    fn parse(&self, dir: &Path, slot: &Shared, mut md: terraform::ModuleDir) -> terraform::ModuleDir {
        let files = self.deferred.get(dir).map(|v| &v[..]).unwrap_or(&[]);
        let (errors, n) = parse_tf_dir(&mut md, files, self.texts);
        mark_partly_scanned(dir, &mut md);
        md.sort_vars();
        self.errors.lock().unwrap_or_else(|e| e.into_inner()).extend(errors);
        self.parsed.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        let calls = terraform::DirCalls::of(&md);
        let _ = slot.info.set(SlotInfo {
            targets: calls.local_targets(dir).collect(),
            calls,
            directives: directives_of(&md),
            skeleton: terraform::ModuleDir {
                files: Vec::new(),
                auto_vars: md.auto_vars.clone(),
                remote: md.remote.clone(),
                called_only: md.called_only,
                incomplete: md.incomplete,
            },
        });
        md
    }

    /// The directory, parsed now if no root needed it before; `None` once freed.
    fn get(&self, dir: &Path, slot: &Shared) -> Option<Arc<terraform::ModuleDir>> {
        let mut state = slot.state.lock().unwrap_or_else(|e| e.into_inner());
        match std::mem::replace(&mut *state, SlotState::Freed) {
            SlotState::Waiting(md) => {
                let md = Arc::new(self.parse(dir, slot, md));
                *state = SlotState::Parsed(Arc::clone(&md));
                Some(md)
            }
            SlotState::Parsed(md) => {
                *state = SlotState::Parsed(Arc::clone(&md));
                Some(md)
            }
            SlotState::Freed => None,
        }
    }

    /// A root whose text may reach `reached` is evaluated: the directories it was the last
    /// to need are freed.
    fn release(&self, reached: &[&PathBuf]) {
        for d in reached {
            let slot = &self.slots[*d];
            if slot.left.fetch_sub(1, std::sync::atomic::Ordering::AcqRel) == 1 {
                let mut state = slot.state.lock().unwrap_or_else(|e| e.into_inner());
                if matches!(*state, SlotState::Parsed(_)) {
                    let freed = std::mem::replace(&mut *state, SlotState::Freed);
                    drop(state);
                    drop(freed);
                }
            }
        }
    }

    /// The kept directories a root evaluated alone needs: every directory its local
    /// sources reach; `None` when one is not kept (outside the scan, evaluated and dropped,
    /// or freed already) or the root has downloaded modules.
    fn closure(&self, dir: &Path, md: &terraform::ModuleDir) -> Option<Vec<(PathBuf, Arc<terraform::ModuleDir>)>> {
        if !md.remote.is_empty() || md.files.is_empty() {
            return None;
        }
        let mut seen: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
        seen.insert(dir.to_path_buf());
        let mut out = Vec::new();
        let mut stack: Vec<PathBuf> = terraform::DirCalls::of(md).local_targets(dir).collect();
        while let Some(t) = stack.pop() {
            if !seen.insert(t.clone()) {
                continue;
            }
            let (key, slot) = self.slots.get_key_value(&t)?;
            let m = self.get(key, slot)?;
            stack.extend(slot.info.get().into_iter().flat_map(|i| i.targets.iter().cloned()));
            out.push((t, m));
        }
        Some(out)
    }
}

/// Terraform in the units stage (issue 18 items 3 and 4): parses every scanned module
/// directory, in parallel, a directory at a time. A directory that no `.tf` text may call
/// (no string literal reading as a local path names it, nor `modules.json`) is a root: it
/// is evaluated as soon as it is parsed, with the directories it calls, and its trees
/// dropped on the same thread. The directories some text may call are kept: each is
/// parsed when a root first needs it and freed after the last root whose text may reach
/// it; those no such root needed are parsed at the end. Roots that call a directory
/// outside the scan or have downloaded modules keep their trees and are evaluated in
/// [`tf_finish`], which also checks that each directory evaluated here is a root indeed,
/// and parses again a freed directory it needs.
fn tf_parse(
    mut modules: BTreeMap<PathBuf, terraform::ModuleDir>,
    deferred: &BTreeMap<PathBuf, Vec<(FileId, PathBuf)>>,
    texts: &[SourceFile],
    inputs: &terraform::Inputs,
    policies: &crate::guard::Policies,
    strict: bool,
) -> TfParsed {
    use std::sync::atomic::Ordering;
    // The directories each directory's text may call.
    let mut literal_targets: std::collections::HashMap<PathBuf, Vec<PathBuf>> = std::collections::HashMap::new();
    for (dir, m) in modules.iter_mut() {
        m.remote = terraform::read_modules_json(dir);
        let mut targets: Vec<PathBuf> = m.remote.values().cloned().collect();
        targets.extend(terraform::DirCalls::of(m).local_targets(dir));
        for (id, _) in deferred.get(dir).into_iter().flatten() {
            for lit in terraform::local_source_literals(&texts[id.0 as usize].text) {
                targets.push(terraform::normalize(&dir.join(lit)));
            }
        }
        literal_targets.insert(dir.clone(), targets);
    }
    let maybe_called: std::collections::HashSet<&PathBuf> = literal_targets.values().flatten().collect();
    let no_files: Vec<(FileId, PathBuf)> = Vec::new();
    let files_of = |dir: &PathBuf| deferred.get(dir).unwrap_or(&no_files);
    let (stream, keep): (Vec<_>, Vec<_>) = modules
        .into_iter()
        .partition(|(dir, _)| deferred.contains_key(dir) && !maybe_called.contains(dir));
    let kept = Kept {
        slots: keep
            .into_iter()
            .map(|(dir, md)| {
                let slot = Shared {
                    state: std::sync::Mutex::new(SlotState::Waiting(md)),
                    left: std::sync::atomic::AtomicUsize::new(0),
                    info: std::sync::OnceLock::new(),
                };
                (dir, slot)
            })
            .collect(),
        deferred,
        texts,
        errors: std::sync::Mutex::new(Vec::new()),
        parsed: std::sync::atomic::AtomicUsize::new(0),
    };
    // The kept directories each root's text may reach: what it holds until evaluated.
    let reach = |dir: &PathBuf| -> Vec<&PathBuf> {
        let mut seen: std::collections::HashSet<&PathBuf> = std::collections::HashSet::new();
        let mut stack: Vec<&PathBuf> = literal_targets.get(dir).into_iter().flatten().collect();
        while let Some(t) = stack.pop() {
            if let Some((key, _)) = kept.slots.get_key_value(t)
                && seen.insert(key)
            {
                stack.extend(literal_targets.get(key).into_iter().flatten());
            }
        }
        seen.into_iter().collect()
    };
    let reaches: Vec<Vec<&PathBuf>> = stream.iter().map(|(dir, _)| reach(dir)).collect();
    for d in reaches.iter().flatten() {
        kept.slots[*d].left.fetch_add(1, Ordering::Relaxed);
    }
    #[allow(clippy::type_complexity)]
    let streamed: Vec<(
        PathBuf,
        terraform::ModuleDir,
        terraform::DirCalls,
        Vec<crate::directive::Directive>,
        Vec<Diagnostic>,
        usize,
        Option<Evaluated>,
    )> = stream
        .into_par_iter()
        .zip(reaches)
        .map(|((dir, mut md), reached)| {
            let (errors, n) = parse_tf_dir(&mut md, files_of(&dir), texts);
            mark_partly_scanned(&dir, &mut md);
            md.sort_vars();
            let calls = terraform::DirCalls::of(&md);
            let directives = directives_of(&md);
            let evaluated = kept.closure(&dir, &md).map(|called| {
                let mut refs = terraform::DirRefs::new();
                refs.insert(dir.clone(), &md);
                refs.extend(called.iter().map(|(d, m)| (d.clone(), &**m)));
                tf_evaluate(&refs, &dir, inputs, policies, strict)
            });
            if evaluated.is_some() {
                // Freed here, on the worker, as soon as the root is evaluated, and the
                // kept directories it was the last to need with it.
                md.files = Vec::new();
                kept.release(&reached);
            }
            (dir, md, calls, directives, errors, n, evaluated)
        })
        .collect();
    // The kept directories no root needed yet.
    let Kept {
        slots, errors, parsed, ..
    } = kept;
    let mut tf = TfParsed {
        errors: errors.into_inner().unwrap_or_else(|e| e.into_inner()),
        iac_files: parsed.into_inner(),
        ..Default::default()
    };
    let rest = Kept {
        slots: BTreeMap::new(),
        deferred,
        texts,
        errors: std::sync::Mutex::new(Vec::new()),
        parsed: std::sync::atomic::AtomicUsize::new(0),
    };
    let slots: Vec<(PathBuf, Shared)> = slots.into_iter().collect();
    let ends: Vec<(PathBuf, Shared, Option<terraform::ModuleDir>)> = slots
        .into_par_iter()
        .map(|(dir, slot)| {
            let state = std::mem::replace(
                &mut *slot.state.lock().unwrap_or_else(|e| e.into_inner()),
                SlotState::Freed,
            );
            let md = match state {
                SlotState::Waiting(md) => Some(rest.parse(&dir, &slot, md)),
                SlotState::Parsed(md) => {
                    Some(Arc::try_unwrap(md).unwrap_or_else(|_| unreachable!("every root is evaluated")))
                }
                SlotState::Freed => None,
            };
            (dir, slot, md)
        })
        .collect();
    tf.errors
        .extend(rest.errors.into_inner().unwrap_or_else(|e| e.into_inner()));
    tf.iac_files += rest.parsed.into_inner();
    for (dir, slot, md) in ends {
        let Some(info) = slot.info.into_inner() else {
            continue;
        };
        tf.calls.insert(dir.clone(), info.calls);
        tf.directives.insert(dir.clone(), info.directives);
        match md {
            Some(md) => {
                tf.modules.insert(dir, md);
            }
            None => {
                tf.dropped.insert(dir.clone(), (info.skeleton, files_of(&dir).clone()));
            }
        }
    }
    for (dir, md, calls, directives, errors, n, evaluated) in streamed {
        tf.errors.extend(errors);
        tf.iac_files += n;
        tf.calls.insert(dir.clone(), calls);
        tf.directives.insert(dir.clone(), directives);
        match evaluated {
            Some(e) => {
                tf.streamed.insert(dir.clone(), e);
                tf.dropped.insert(dir.clone(), (md, files_of(&dir).clone()));
            }
            None => {
                tf.modules.insert(dir, md);
            }
        }
    }
    tf
}

/// The rest of the Terraform side: the called modules outside the scan, the roots, and the
/// roots not evaluated yet (in parallel, with every kept directory); the units in root
/// order, every directory's directives, and the trees to free.
#[allow(clippy::type_complexity)]
fn tf_finish(
    mut tf: TfParsed,
    out: &mut ScanOutput,
    cache: Option<&ParseCache>,
    inputs: &terraform::Inputs,
    policies: &crate::guard::Policies,
    strict: bool,
) -> (
    Vec<Evaluated>,
    Vec<crate::directive::Directive>,
    BTreeMap<PathBuf, terraform::ModuleDir>,
) {
    load_called_modules(&mut tf, out, cache);
    let directives: Vec<crate::directive::Directive> =
        std::mem::take(&mut tf.directives).into_values().flatten().collect();
    let roots = terraform::roots_from(&tf.calls);
    let pending: Vec<&PathBuf> = roots.iter().filter(|r| !tf.streamed.contains_key(*r)).collect();
    // A directory evaluated as a root that a root calls after all (a local source the text
    // scan did not see): parsed again (its errors were reported the first time).
    let mut need: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
    let mut stack: Vec<PathBuf> = pending.iter().map(|r| (*r).clone()).collect();
    while let Some(d) = stack.pop() {
        if let Some(c) = tf.calls.get(&d)
            && need.insert(d.clone())
        {
            stack.extend(c.local_targets(&d));
        }
    }
    for d in need {
        if let Some((mut md, files)) = tf.dropped.remove(&d) {
            parse_tf_dir(&mut md, &files, &out.files);
            tf.modules.insert(d, md);
        }
    }
    let refs: terraform::DirRefs = tf.modules.iter().map(|(d, m)| (d.clone(), m)).collect();
    let evaluated: Vec<Evaluated> = pending
        .par_iter()
        .map(|root| tf_evaluate(&refs, root, inputs, policies, strict))
        .collect();
    drop(refs);
    let mut evaluated = evaluated.into_iter();
    let units = roots
        .iter()
        .filter_map(|r| tf.streamed.remove(r).or_else(|| evaluated.next()))
        .collect();
    (units, directives, tf.modules)
}

/// The scan as named stages (issue 10 item 8): classify, load, units, select, post.
fn run(opts: &Options, selected: &[&'static rules::Rule], exclude: &globset::GlobSet) -> ScanOutput {
    let found = classify_files(&opts.paths, exclude);
    let mut out = ScanOutput::default();
    opts.progress
        .total
        .store(found.files.len(), std::sync::atomic::Ordering::Relaxed);

    // CloudFormation parameter values first: templates are evaluated as they are parsed.
    // The parameter files are numbered after the discovered files and the walk errors.
    let (overrides, param_files) = cfn_overrides(opts, found.files.len() + found.walk_errors.len());
    // Guard policies (issue 15), loaded once before any template is parsed: each template
    // is judged on the tree blindspot parsed and bounded, while that tree exists. Their
    // files are numbered after the parameter files.
    let mut policy_files: Vec<SourceFile> = (0..found.files.len() + found.walk_errors.len() + param_files.len())
        .map(|_| SourceFile::new(String::new(), Arc::from("")))
        .collect();
    let reserved = policy_files.len();
    let (policies, policy_errors) = crate::guard::load(&opts.policies, &opts.policy_severity, &mut policy_files);
    let mut policy_files = policy_files.split_off(reserved);
    out.errors.extend(policy_errors);

    let on_template = OnTemplate {
        overrides: &overrides,
        policies: &policies,
        strict: opts.strict,
    };
    let results = load_files(
        &found.files,
        &opts.overlay,
        opts.cache.as_deref(),
        Some(&on_template),
        &opts.progress,
    );
    let mut loaded = sort_loaded(&found.files, results, &mut out);
    let mut guard_out = std::mem::take(&mut loaded.guard);
    for (path, message) in &found.walk_errors {
        // Walk errors have no file of their own: add a placeholder entry to locate them.
        let id = FileId(out.files.len() as u32);
        out.files.push(SourceFile::new(display_path(path), Arc::from("")));
        out.errors.push(Diagnostic {
            file: id,
            offset: None,
            message: message.clone(),
        });
    }
    for (file, error) in param_files {
        out.files.push(file);
        out.errors.extend(error);
    }
    // Guard policy files come after the scanned files (their ids were reserved above).
    out.files.append(&mut policy_files);

    let units = evaluate_units(opts, &found, loaded, &overrides, &policies, &mut guard_out, &mut out);
    // The units are freed on another worker from when the model is built to the end.
    rayon::scope(|s| {
        let free = |units: Vec<Unit>| s.spawn(move |_| drop(units));
        let judged = run_rules(opts, selected, units, &mut guard_out, &mut out, &free);
        post(opts, selected, &found, &policies, judged, guard_out, &mut out);
    });
    out
}

/// Stage 1 ("classify"): the files to scan, by name ([`crate::source::classify`] through
/// [`discover`]), without the excluded ones; the walk's errors; where findings are reported.
struct Found {
    /// The paths the scan starts from (file mode: the module directories' files).
    paths: Vec<PathBuf>,
    /// Discovered files, sorted; file `i` is `FileId(i)`.
    files: Vec<PathBuf>,
    walk_errors: Vec<(PathBuf, String)>,
    /// File mode: the places whose findings are reported (see [`expand_paths`]).
    report_roots: Option<Vec<(PathBuf, bool)>>,
}

fn classify_files(paths: &[PathBuf], exclude: &globset::GlobSet) -> Found {
    let (paths, report_roots) = expand_paths(paths);
    let (mut files, walk_errors) = discover(&paths);
    if !exclude.is_empty() {
        files.retain(|p| {
            let shown = display_path(p);
            // Config-file globs are anchored at the config's directory: absolute patterns.
            !(exclude.is_match(&shown) || exclude.is_match(p) || exclude.is_match(absolute(p)))
        });
    }
    Found {
        paths,
        files,
        walk_errors,
        report_roots,
    }
}

/// What a CloudFormation template is judged and evaluated with as soon as it is parsed.
struct OnTemplate<'a> {
    overrides: &'a cloudformation::Overrides,
    policies: &'a crate::guard::Policies,
    strict: bool,
}

/// Stage 2 ("load"): reads and parses every discovered file in parallel; the order of
/// results is the order of paths. With `on_template`, a CloudFormation template is judged
/// by the Guard policies and, when it creates no nested stack, evaluated and its tree
/// dropped right away (see [`template_parsed`]); without it (the parse-only benchmark)
/// files are only parsed.
fn load_files(
    files: &[PathBuf],
    overlay: &BTreeMap<PathBuf, Arc<str>>,
    cache: Option<&ParseCache>,
    on_template: Option<&OnTemplate>,
    progress: &Progress,
) -> Vec<(SourceFile, Parsed, crate::guard::Outcome)> {
    // Terraform files are parsed in the units stage, a module directory at a time (issue
    // 18 item 4), except for the benchmark's parse-only run and with a parse cache.
    let defer = on_template.is_some() && cache.is_none();
    files
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            let id = FileId(i as u32);
            let (file, parsed) = load_cached(id, path, overlay, cache, defer);
            let mut guard = crate::guard::Outcome::default();
            let parsed = match (parsed, on_template) {
                (Parsed::Template(root), Some(t)) => {
                    guard = crate::guard::eval_template(t.policies, id, &root, t.strict);
                    template_parsed(id, root, t.overrides)
                }
                (other, _) => other,
            };
            progress.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            (file, parsed, guard)
        })
        .collect()
}

/// The loaded files sorted by what they hold, for the units stage.
#[derive(Default)]
struct Loaded {
    /// Terraform module directories (files and automatically loaded variable files).
    modules: BTreeMap<PathBuf, terraform::ModuleDir>,
    /// CloudFormation templates that create nested stacks (trees kept).
    templates: Vec<cloudformation::TemplateFile>,
    /// CloudFormation templates evaluated already (no nested stacks).
    leaves: Vec<cloudformation::Leaf>,
    /// Terraform plans, evaluated already.
    plans: Vec<(FileId, Unit)>,
    /// Discovered files that did not parse (reported once, not again as a nested template).
    failed: Vec<PathBuf>,
    /// Terraform files read but not parsed yet ([`Parsed::Deferred`]), by module directory,
    /// in path order.
    deferred: BTreeMap<PathBuf, Vec<(FileId, PathBuf)>>,
    guard: crate::guard::Outcome,
}

/// Files into `out.files` (in `FileId` order), parse errors into `out.errors`, and the rest
/// sorted by kind.
fn sort_loaded(
    found: &[PathBuf],
    results: Vec<(SourceFile, Parsed, crate::guard::Outcome)>,
    out: &mut ScanOutput,
) -> Loaded {
    let mut l = Loaded::default();
    for (i, (file, parsed, guard)) in results.into_iter().enumerate() {
        out.files.push(file);
        l.guard.extend(guard);
        let dir = || terraform::normalize(found[i].parent().unwrap_or(Path::new(".")));
        match parsed {
            Parsed::Terraform(p) => {
                out.iac_files += 1;
                l.modules.entry(dir()).or_default().files.push(p);
            }
            Parsed::Vars(v) => {
                if terraform::is_auto_vars(&found[i]) {
                    l.modules.entry(dir()).or_default().auto_vars.push(v);
                }
            }
            Parsed::Template(root) => {
                out.iac_files += 1;
                l.templates.push(cloudformation::TemplateFile {
                    file: FileId(i as u32),
                    path: found[i].clone(),
                    root,
                });
            }
            Parsed::Evaluated(unit) => {
                out.iac_files += 1;
                l.leaves.push(cloudformation::Leaf {
                    file: FileId(i as u32),
                    path: found[i].clone(),
                    unit,
                });
            }
            Parsed::Plan(u) => {
                out.iac_files += 1;
                l.plans.push((FileId(i as u32), u));
            }
            Parsed::Error(d) => {
                if is_terraform(&found[i]) {
                    l.modules.entry(dir()).or_default().incomplete = true;
                }
                l.failed.push(found[i].clone());
                out.errors.push(d)
            }
            Parsed::Deferred => {
                l.modules.entry(dir()).or_default();
                l.deferred
                    .entry(dir())
                    .or_default()
                    .push((FileId(i as u32), found[i].clone()));
            }
            Parsed::NotOurs => {}
        }
    }
    l
}

/// Terraform's inputs from the command line and the environment (`--var`, `TF_VAR_*`) and
/// the directories local module sources may point into.
fn terraform_inputs(opts: &Options, paths: &[PathBuf]) -> terraform::Inputs {
    let mut inputs = terraform::Inputs {
        vars: opts
            .vars
            .iter()
            .map(|v| match v.split_once('=') {
                Some((k, v)) => (k.trim().to_string(), v.to_string()),
                None => (v.trim().to_string(), String::new()),
            })
            .collect(),
        env: std::env::vars()
            .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), v)))
            .collect(),
        allowed: paths
            .iter()
            .map(|p| {
                if p.is_file() {
                    p.parent().unwrap_or(Path::new(".")).to_path_buf()
                } else {
                    p.clone()
                }
            })
            .collect(),
        ..Default::default()
    };
    inputs.env.sort();
    inputs
}

/// `--var-file` files, read after the scanned files (whatever its name, a `--var-file` is a
/// variable definitions file: HCL unless `*.json`).
fn load_var_files(opts: &Options, inputs: &mut terraform::Inputs, out: &mut ScanOutput) {
    for path in &opts.var_files {
        let id = FileId(out.files.len() as u32);
        let (file, parsed) = load(id, path);
        let parsed = match parsed {
            Parsed::Vars(v) => Ok(v),
            Parsed::Error(d) if file.text.is_empty() => Err(d),
            _ => terraform::parse_vars(id, path, &file.text),
        };
        out.files.push(file);
        match parsed {
            Ok(v) => inputs.var_files.push(v),
            Err(d) => out.errors.push(d),
        }
    }
}

/// Stage 3 ("units"): every evaluated unit, in the order of its first file: Terraform
/// roots (with the module directories they call, loaded here when not scanned), nested
/// stack parents with their children (loaded here when not scanned), leaf templates and
/// plans evaluated during loading. The Terraform trees are freed on the pool.
struct Units {
    units: Vec<Unit>,
    /// The first IaC file of the scan: where account-scope findings anchor.
    iac_anchor: Option<FileId>,
    /// Suppression directives: the Terraform front end read them from each file's comments
    /// when it parsed it; CloudFormation `Metadata` ones come with the units.
    directives: Vec<crate::directive::Directive>,
}

#[allow(clippy::too_many_arguments)]
fn evaluate_units(
    opts: &Options,
    found: &Found,
    mut loaded: Loaded,
    overrides: &cloudformation::Overrides,
    policies: &crate::guard::Policies,
    guard_out: &mut crate::guard::Outcome,
    out: &mut ScanOutput,
) -> Units {
    let nested_from = out.files.len();
    // A Terraform file a template names as a nested stack counts as known when it does not
    // parse, as any discovered file that failed (Terraform files are parsed later).
    let deferred_list: Vec<(FileId, &PathBuf, Arc<str>)> = loaded
        .deferred
        .values()
        .flatten()
        .map(|(id, p)| (*id, p, Arc::clone(&out.files[id.0 as usize].text)))
        .collect();
    // By canonical path (the last file of each), built only when a nested stack names a
    // file no template is: each path is canonicalized, a system call.
    let deferred_tf: std::cell::OnceCell<std::collections::HashMap<PathBuf, usize>> = std::cell::OnceCell::new();
    let tf_failed = |child: &Path| {
        deferred_tf
            .get_or_init(|| {
                deferred_list
                    .iter()
                    .enumerate()
                    .map(|(i, (_, p, _))| (cloudformation::normalize(p), i))
                    .collect()
            })
            .get(child)
            .is_some_and(|&i| {
                let (id, p, text) = &deferred_list[i];
                matches!(parse_caught(*id, p, text, Ok(()), Some(false)), Parsed::Error(_))
            })
    };
    load_nested_templates(
        &mut loaded.templates,
        &loaded.leaves,
        &loaded.failed,
        &tf_failed,
        overrides,
        out,
    );
    drop(deferred_tf);
    drop(deferred_list);
    // Nested stack templates found only through their parents: Guard judges them too.
    for t in loaded.templates.iter().filter(|t| t.file.0 as usize >= nested_from) {
        guard_out.extend(crate::guard::eval_template(policies, t.file, &t.root, opts.strict));
    }
    // Terraform plans are evaluated already.
    for (_, plan) in &loaded.plans {
        guard_out.extend(crate::guard::eval_terraform(policies, plan, opts.strict));
    }

    let mut inputs = terraform_inputs(opts, &found.paths);
    load_var_files(opts, &mut inputs, out);

    // The templates that wait for nested stacks are evaluated while the Terraform module
    // directories are parsed and their roots evaluated (issue 18 item 3).
    let files = &out.files;
    let reparse = |file: FileId, path: &Path| {
        let text = &files.get(file.0 as usize)?.text;
        parse_document(classify_document(path, text.as_bytes()), text)
            .ok()
            .filter(cloudformation::is_template)
    };
    let templates = loaded.templates;
    let deferred = loaded.deferred;
    let (cfn_units, mut tf): (Vec<(FileId, Unit)>, TfParsed) = rayon::join(
        || cloudformation::evaluate_all_with(&templates, loaded.leaves, &reparse, overrides, &adapt::wanted),
        || tf_parse(loaded.modules, &deferred, files, &inputs, policies, opts.strict),
    );
    drop(templates);
    out.errors.append(&mut tf.errors);
    out.iac_files += tf.iac_files;
    let (tf_units, mut directives, modules) = tf_finish(tf, out, opts.cache.as_deref(), &inputs, policies, opts.strict);
    // Freed now, before the model is built: the memory is used again (issue 18 item 4).
    drop(modules);
    let mut units = loaded.plans;
    units.extend(cfn_units);
    for (first, unit, timing, error, guard) in tf_units {
        units.push((first, unit));
        out.tf_roots.push(timing);
        out.errors.extend(error);
        guard_out.extend(guard);
    }
    units.sort_by_key(|(first, _)| *first);
    // Account-scope findings anchor on the first IaC file of the scan (the first file of the
    // first module or template in path order), never on another YAML/JSON file of the walk.
    let iac_anchor = units.first().map(|(first, _)| *first);
    let mut units: Vec<Unit> = units.into_iter().map(|(_, u)| u).collect();
    for u in &mut units {
        out.notes.extend(u.notes.iter().cloned());
        directives.append(&mut u.directives);
    }
    // A template evaluated more than once (a nested stack used twice) gives its `Metadata`
    // directives once each time: keep one of each.
    {
        let mut seen = std::collections::HashSet::new();
        directives.retain(|d| seen.insert(d.clone()));
    }
    Units {
        units,
        iac_anchor,
        directives,
    }
}

/// Stage 4 ("select"): the model, and the findings of the rules on it (every rule runs,
/// so that an ignore for a rule that was not selected is not called unused; only the
/// selected rules' notes are kept), with severity overrides and the Guard findings.
struct Judged {
    model: crate::model::Model,
    findings: Vec<Finding>,
    /// (rule, resource) pairs every rule evaluated, in rule order.
    checked: Vec<(&'static str, crate::model::ResourceId)>,
    /// Without `--strict`: the (rule, file) of each finding with undecided checks counted
    /// (what `--strict` would report of the rules), and of each decided one (with Guard's).
    undecided: Vec<(&'static str, FileId)>,
    decided: Vec<(&'static str, FileId)>,
    /// The suppression directives of the units.
    directives: Vec<crate::directive::Directive>,
}

fn run_rules(
    opts: &Options,
    selected: &[&'static rules::Rule],
    units: Units,
    guard_out: &mut crate::guard::Outcome,
    out: &mut ScanOutput,
    free: &dyn Fn(Vec<Unit>),
) -> Judged {
    let model = adapt::build_with(
        &units.units,
        opts.service_logs_are_security_logs != Some(false),
        &opts.log_buckets,
        &opts.log_groups,
    );
    let directives = units.directives;
    let raw_units = units.units;
    out.resources = model.resources.len();
    let anchor = if opts.account {
        units.iac_anchor.map(|file| Span::new(file, 0, 0))
    } else {
        None
    };
    out.min_retention_days = opts.min_retention_days.unwrap_or(365.0);
    let cx = Context {
        model: &model,
        account_anchor: anchor,
        min_retention_days: opts.min_retention_days.unwrap_or(365.0),
        eks_required_log_types: opts
            .eks_required_log_types
            .clone()
            .unwrap_or_else(|| vec!["audit".to_string(), "authenticator".to_string()]),
        provided_elsewhere: opts.provided_elsewhere.clone(),
        data_events_all_buckets: opts.data_events.as_deref() == Some("all_buckets"),
        unresolved_modules: out.tf_roots.iter().map(|t| t.2.unresolved_calls).sum(),
    };
    // Every rule runs, so that an ignore for a rule that was not selected is not called
    // unused; only the selected rules' findings are reported.
    // Without --strict, the same run also gives the files of the findings --strict would
    // add (undecided checks), so that the rules run once.
    let mut undecided: Vec<(&'static str, FileId)> = Vec::new();
    // The units are freed on another worker while the rules and the rest run.
    free(raw_units);
    let runs = {
        RULES
            .par_iter()
            .map(|r| {
                let ((f, c, notes), u) = rules::run_judged(r, &cx, opts.strict);
                (r.id, f, c, notes, u)
            })
            .collect::<Vec<_>>()
    };
    let runs: Vec<(&'static str, Vec<Finding>, Vec<crate::model::ResourceId>)> = runs
        .into_iter()
        .map(|(id, f, c, notes, u)| {
            undecided.extend(u.into_iter().map(|file| (id, file)));
            // A rule's notes are reported when the rule is.
            if selected.iter().any(|s| s.id == id) {
                out.notes.extend(notes);
            }
            (id, f, c)
        })
        .collect();
    let mut checked: Vec<(&'static str, crate::model::ResourceId)> = Vec::new();
    let mut findings: Vec<Finding> = Vec::new();
    for (id, f, c) in runs {
        findings.extend(f);
        checked.extend(c.into_iter().map(|c| (id, c)));
    }
    findings.iter_mut().for_each(|f| override_severity(opts, f));
    let rule_findings = findings.len();
    // Guard findings join the built-in ones before suppressions and selection.
    out.errors.append(&mut guard_out.errors);
    findings.append(&mut guard_out.findings);
    // Without --strict, the checks left undecided: what --strict would add.
    // A strict run reports the rules' findings and the undecided ones; the decided
    // findings are the rules' and Guard's.
    type Keys = Vec<(&'static str, FileId)>;
    let (undecided, decided): (Keys, Keys) = if opts.strict {
        (Vec::new(), Vec::new())
    } else {
        let key = |f: &Finding| (f.rule_id, f.span.file);
        undecided.extend(findings[..rule_findings].iter().map(key));
        (undecided, findings.iter().map(key).collect())
    };
    Judged {
        model,
        findings,
        checked,
        undecided,
        decided,
        directives,
    }
}

/// The configured `severity:` of the finding's rule, when there is one (rule findings,
/// inline SUP findings, and the ignore file's, `crate::ignore::apply`).
pub fn override_severity(opts: &Options, f: &mut Finding) {
    if let Some((_, s)) = opts
        .severity
        .iter()
        .find(|(k, _)| rules::find(k).is_some_and(|r| r.id == f.rule_id))
    {
        f.severity = *s;
    }
}

/// Stage 5 ("post"): suppressions, the selected rules and reported places, sorting, one
/// finding per instance set, and the sorted diagnostics, into `out`.
fn post(
    opts: &Options,
    selected: &[&'static rules::Rule],
    found: &Found,
    policies: &crate::guard::Policies,
    judged: Judged,
    mut guard_out: crate::guard::Outcome,
    out: &mut ScanOutput,
) {
    let Judged {
        model,
        mut findings,
        checked,
        undecided,
        decided,
        directives,
    } = judged;
    out.guard_rules = policies.rules.clone();
    let mut suppressed = Vec::new();
    if !opts.no_inline_suppressions {
        let today = opts.today.clone().unwrap_or_else(crate::suppress::today);
        let targets: Vec<crate::suppress::Target> = model
            .resources
            .iter()
            .map(|r| crate::suppress::Target {
                address: &r.address,
                resource_type: &r.resource_type,
                iac: r.iac.as_str(),
                header: r.header,
                exists: r.exists_if.is_none(),
            })
            .collect();
        let mut outcome =
            crate::suppress::apply(findings, &directives, &targets, &today, opts.unused_peer_suppressions);
        findings = outcome.kept;
        // SUP findings are findings like the rules': the configured severity applies.
        outcome.extra.iter_mut().for_each(|f| override_severity(opts, f));
        findings.extend(outcome.extra);
        out.notes.extend(outcome.notes);
        suppressed = outcome.suppressed;
        suppressed.append(&mut guard_out.suppressed);
    } else {
        findings.extend(guard_out.suppressed.drain(..).map(|s| s.finding));
    }
    let guard_selected = |id: &str| {
        let is = |k: &String| k.eq_ignore_ascii_case(id);
        (opts.only.is_empty() || opts.only.iter().any(is)) && !opts.skip.iter().any(is)
    };
    let is_selected = |rule_id: &str| {
        selected.iter().any(|r| r.id == rule_id) || (crate::rule_ids::is_guard(rule_id) && guard_selected(rule_id))
    };
    let cwd = std::env::current_dir().ok();
    let shown_roots: Option<Vec<(String, bool)>> = found.report_roots.as_ref().map(|r| {
        r.iter()
            .map(|(p, recursive)| {
                let d = display_path(p);
                let d = if cwd.as_deref() == Some(Path::new(&d)) {
                    ".".to_string()
                } else {
                    d
                };
                (d, *recursive)
            })
            // Files loaded on behalf of a named file (nested stack templates) belong to it.
            .chain(out.files[found.files.len()..].iter().map(|f| (f.path.clone(), false)))
            .collect()
    });
    let reported_at = |rule_id: &str, file: FileId| {
        is_selected(rule_id)
            && shown_roots
                .as_ref()
                .is_none_or(|roots| in_roots(&out.files[file.0 as usize].path, roots))
    };
    let reported = |f: &Finding| reported_at(f.rule_id, f.span.file);
    findings.retain(|f| reported(f));
    out.checked = checked
        .into_iter()
        .filter(|(id, r)| {
            selected.iter().any(|s| s.id == *id)
                && shown_roots
                    .as_ref()
                    .is_none_or(|roots| in_roots(&out.files[model.resource(*r).header.file.0 as usize].path, roots))
        })
        .collect();
    let count = |v: &[(&str, FileId)]| v.iter().filter(|(id, file)| reported_at(id, *file)).count();
    out.unknown = count(&undecided).saturating_sub(count(&decided));
    suppressed.retain(|s: &Suppressed| reported(&s.finding));
    let order = |a: &Finding, b: &Finding| {
        let fa = &out.files[a.span.file.0 as usize].path;
        let fb = &out.files[b.span.file.0 as usize].path;
        (fa, a.span.start, a.rule_id, &a.message, a.span.end).cmp(&(
            fb,
            b.span.start,
            b.rule_id,
            &b.message,
            b.span.end,
        ))
    };
    findings.sort_by(order);
    let findings = merge_instances(findings);
    suppressed.sort_by(|a, b| order(&a.finding, &b.finding));
    suppressed.dedup();
    out.findings = findings;
    out.suppressed = suppressed;
    out.selected = selected.iter().map(|r| r.id).collect();
    out.selected
        .extend(policies.rules.iter().map(|r| r.id).filter(|id| guard_selected(id)));
    out.model = model;
    let key = |d: &Diagnostic| (out.files[d.file.0 as usize].path.clone(), d.offset, d.message.clone());
    out.errors.sort_by_key(key);
    out.notes.sort_by_key(key);
    out.notes.dedup();
}

/// `path` made absolute against the current directory, `.` and `..` resolved lexically.
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Reads a file the scan did not discover (a parameter file, a nested stack's template)
/// as file `id`: the file, and its text or the error that replaces it.
fn read_extra(path: &Path, id: FileId) -> (SourceFile, Result<Arc<str>, Diagnostic>) {
    let text: Result<Arc<str>, String> = read(path).and_then(|b| {
        String::from_utf8(b).map(Arc::from).map_err(|e| {
            format!(
                "file is not valid UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })
    });
    match text {
        Ok(text) => (SourceFile::new(display_path(path), text.clone()), Ok(text)),
        Err(message) => (
            SourceFile::new(display_path(path), Arc::from("")),
            Err(Diagnostic {
                file: id,
                offset: None,
                message,
            }),
        ),
    }
}

/// [`read_extra`] into `out.files`; `None` (with an error recorded) when it cannot be read.
fn load_extra(path: &Path, out: &mut ScanOutput) -> Option<(FileId, Arc<str>)> {
    let id = FileId(out.files.len() as u32);
    let (file, text) = read_extra(path, id);
    out.files.push(file);
    match text {
        Ok(text) => Some((id, text)),
        Err(d) => {
            out.errors.push(d);
            None
        }
    }
}

/// CloudFormation parameter values (`--cfn-params` files, then `--cfn-param`), before any
/// template is parsed. The parameter files are numbered from `first`; they come back with
/// their errors, for the caller to add to the scan in that order.
#[allow(clippy::type_complexity)]
fn cfn_overrides(opts: &Options, first: usize) -> (cloudformation::Overrides, Vec<(SourceFile, Option<Diagnostic>)>) {
    let mut overrides = cloudformation::Overrides::new();
    let mut files = Vec::new();
    for path in &opts.cfn_param_files {
        let id = FileId((first + files.len()) as u32);
        let (file, text) = read_extra(path, id);
        let error = match text {
            Err(d) => Some(d),
            Ok(text) => {
                let yaml = classify(path, text.as_bytes()) == FileKind::Yaml;
                match cloudformation::params::parse_file(id, &text, yaml) {
                    Ok(values) => {
                        overrides.extend(values);
                        None
                    }
                    Err((offset, message)) => Some(Diagnostic {
                        file: id,
                        offset,
                        message: format!("invalid parameter file: {message}"),
                    }),
                }
            }
        };
        files.push((file, error));
    }
    for p in &opts.cfn_params {
        if let Ok((k, v)) = cloudformation::params::parse_assignment(p) {
            overrides.insert(k, v);
        }
    }
    (overrides, files)
}

/// CloudFormation: the nested stack templates that the templates name but discovery did
/// not find (outside the scanned paths), loaded into `templates` (bounded). `leaves`
/// (already evaluated, no nested stacks) and `failed` (discovered, with a parse error
/// reported already) only count as known.
fn load_nested_templates(
    templates: &mut Vec<cloudformation::TemplateFile>,
    leaves: &[cloudformation::Leaf],
    failed: &[PathBuf],
    tf_failed: &dyn Fn(&Path) -> bool,
    overrides: &cloudformation::Overrides,
    out: &mut ScanOutput,
) {
    if templates.is_empty() {
        return;
    }
    // Canonicalized in parallel (a system call each).
    let paths: Vec<&PathBuf> = templates
        .iter()
        .map(|t| &t.path)
        .chain(leaves.iter().map(|l| &l.path))
        .chain(failed)
        .collect();
    let mut known: std::collections::HashSet<PathBuf> = paths
        .par_iter()
        .map(|p| cloudformation::normalize(p))
        .collect::<Vec<PathBuf>>()
        .into_iter()
        .collect();
    // In rounds: the children of the templates found so far (in parallel), then the
    // children of those just loaded.
    let mut start = 0;
    while start < templates.len() && templates.len() + leaves.len() < 10_000 {
        let children: Vec<PathBuf> = templates[start..]
            .par_iter()
            .flat_map(|t| {
                std::panic::catch_unwind(AssertUnwindSafe(|| cloudformation::child_paths(t, overrides)))
                    .unwrap_or_default()
            })
            .collect();
        start = templates.len();
        for child in children {
            if !known.insert(child.clone()) || tf_failed(&child) || !child.is_file() {
                continue;
            }
            let Some((id, text)) = load_extra(&child, out) else {
                continue;
            };
            // Read as the scan reads a discovered file of the same name and text.
            match parse_document(classify_document(&child, text.as_bytes()), &text) {
                Ok(root) if cloudformation::is_template(&root) => {
                    out.iac_files += 1;
                    templates.push(cloudformation::TemplateFile {
                        file: id,
                        path: child,
                        root,
                    });
                }
                Ok(_) => {}
                Err(e) => out.errors.push(Diagnostic {
                    file: id,
                    offset: Some(e.offset as u32),
                    message: e.message,
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::in_roots;

    #[test]
    fn report_roots_are_module_directories_or_recursive_directories() {
        let module = vec![("infra/trail".to_string(), false)];
        assert!(in_roots("infra/trail/main.tf", &module));
        assert!(!in_roots("infra/trail/nested/main.tf", &module));
        assert!(!in_roots("infra/trailx/main.tf", &module));
        let root = vec![(".".to_string(), false)];
        assert!(in_roots("main.tf", &root));
        assert!(!in_roots("a/main.tf", &root));
        let dir = vec![("infra".to_string(), true)];
        assert!(in_roots("infra/trail/nested/main.tf", &dir));
        assert!(!in_roots("infrastructure/main.tf", &dir));
        let file = vec![("cfn/t.yaml".to_string(), false)];
        assert!(in_roots("cfn/t.yaml", &file));
        assert!(!in_roots("cfn/u.yaml", &file));
    }
}
