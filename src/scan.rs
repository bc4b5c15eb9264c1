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
use crate::rules::{self, Context, RULES};
use crate::source::{FileId, SourceFile, Span};
use crate::{adapt, doc};

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
    /// CloudFormation parameter values, `NAME=VALUE` (`--cfn-param`); they win over files.
    pub cfn_params: Vec<String>,
    /// CloudFormation parameter files (`--cfn-params`).
    pub cfn_param_files: Vec<PathBuf>,
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
}

impl ScanOutput {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
}

/// What reading and parsing one file gave.
enum Parsed {
    Terraform(terraform::ParsedFile),
    Template(doc::Node),
    NotOurs,
    Note(Diagnostic),
    Error(Diagnostic),
}

fn is_tf(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "tf")
}

fn is_tf_json(path: &Path) -> bool {
    path.to_string_lossy().to_ascii_lowercase().ends_with(".tf.json")
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
/// CloudFormation (so a file that cannot be parsed is an error, not "not ours").
fn parse_file(id: FileId, path: &Path, text: &str, bytes_ok: Result<(), String>, cfn_hint: bool) -> Parsed {
    let err = |offset: Option<u32>, message: String| {
        Parsed::Error(Diagnostic {
            file: id,
            offset,
            message,
        })
    };
    if is_tf(path) {
        if let Err(m) = bytes_ok {
            return err(None, m);
        }
        return match terraform::parse(id, text) {
            Ok(p) => Parsed::Terraform(p),
            Err(d) => Parsed::Error(d),
        };
    }
    let ours = cfn_hint;
    if let Err(m) = bytes_ok {
        return if ours || is_tf_json(path) {
            err(None, m)
        } else {
            Parsed::NotOurs
        };
    }
    let lower = path.to_string_lossy().to_ascii_lowercase();
    let json = lower.ends_with(".json") || (lower.ends_with(".template") && text.trim_start().starts_with('{'));
    let parsed = if json {
        doc::json::parse(text)
    } else {
        doc::yaml::parse(text)
    };
    let root = match parsed {
        Ok(root) => root,
        Err(e) if ours || is_tf_json(path) => return err(Some(e.offset as u32), e.message),
        Err(_) => return Parsed::NotOurs,
    };
    if is_tf_json(path) {
        return Parsed::Note(Diagnostic {
            file: id,
            offset: None,
            message: "Terraform JSON syntax (.tf.json) is not analysed yet".into(),
        });
    }
    if root.get("format_version").is_some() && root.get("planned_values").is_some() {
        return Parsed::Note(Diagnostic {
            file: id,
            offset: None,
            message: "Terraform plan JSON is not analysed yet".into(),
        });
    }
    if cloudformation::is_template(&root) {
        return Parsed::Template(root);
    }
    Parsed::NotOurs
}

/// Runs a scan. `Err` is a usage error (unknown rule id).
pub fn scan(opts: &Options) -> Result<ScanOutput, String> {
    let mut selected = Vec::new();
    for key in opts.only.iter().chain(&opts.skip) {
        if rules::find(key).is_none() {
            return Err(format!("unknown rule \"{key}\" (see `blindspot rules`)"));
        }
    }
    for p in &opts.cfn_params {
        cloudformation::params::parse_assignment(p)?;
    }
    for rule in RULES {
        let matches = |k: &String| rules::find(k).is_some_and(|r| r.id == rule.id);
        if (opts.only.is_empty() || opts.only.iter().any(matches)) && !opts.skip.iter().any(matches) {
            selected.push(*rule);
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .stack_size(STACK_SIZE)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    Ok(pool.install(|| run(opts, &selected)))
}

fn run(opts: &Options, selected: &[&'static rules::Rule]) -> ScanOutput {
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let (found, walk_errors) = discover(&paths);
    let mut out = ScanOutput::default();

    // Read and parse every file in parallel; the order of results is the order of paths.
    let results: Vec<(SourceFile, Parsed)> = found
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            let id = FileId(i as u32);
            let shown = display_path(path);
            let mut cfn_hint = false;
            let (text, ok): (Arc<str>, Result<(), String>) = match read(path) {
                Err(m) => (Arc::from(""), Err(m)),
                Ok(bytes) => {
                    cfn_hint = looks_like_cloudformation(&bytes);
                    match String::from_utf8(bytes) {
                        Ok(s) if s.contains('\0') => (Arc::from(""), Err("binary file (contains NUL bytes)".into())),
                        Ok(s) => (Arc::from(s), Ok(())),
                        Err(e) => {
                            let at = e.utf8_error().valid_up_to();
                            (
                                Arc::from(""),
                                Err(format!("file is not valid UTF-8 (invalid byte at offset {at})")),
                            )
                        }
                    }
                }
            };
            let parsed = std::panic::catch_unwind(AssertUnwindSafe(|| parse_file(id, path, &text, ok, cfn_hint)))
                .unwrap_or_else(|_| {
                    Parsed::Error(Diagnostic {
                        file: id,
                        offset: None,
                        message: "internal error while parsing this file".into(),
                    })
                });
            (SourceFile::new(shown, text), parsed)
        })
        .collect();

    let mut modules: BTreeMap<PathBuf, Vec<terraform::ParsedFile>> = BTreeMap::new();
    let mut units: Vec<(FileId, Unit)> = Vec::new();
    let mut templates: Vec<cloudformation::TemplateFile> = Vec::new();
    for (i, (file, parsed)) in results.into_iter().enumerate() {
        out.files.push(file);
        match parsed {
            Parsed::Terraform(p) => {
                out.iac_files += 1;
                let dir = found[i].parent().map(Path::to_path_buf).unwrap_or_default();
                modules.entry(dir).or_default().push(p);
            }
            Parsed::Template(root) => {
                out.iac_files += 1;
                templates.push(cloudformation::TemplateFile {
                    file: FileId(i as u32),
                    path: found[i].clone(),
                    root,
                });
            }
            Parsed::Note(d) => {
                out.iac_files += 1;
                out.notes.push(d);
            }
            Parsed::Error(d) => out.errors.push(d),
            Parsed::NotOurs => {}
        }
    }
    for (path, message) in walk_errors {
        // Walk errors have no file of their own: add a placeholder entry to locate them.
        let id = FileId(out.files.len() as u32);
        out.files.push(SourceFile::new(display_path(&path), Arc::from("")));
        out.errors.push(Diagnostic {
            file: id,
            offset: None,
            message,
        });
    }

    units.extend(evaluate_templates(opts, templates, &mut out));

    let tf_units: Vec<(FileId, Unit)> = modules
        .into_par_iter()
        .map(|(_, files)| {
            let first = files.iter().map(|f| f.file).min().unwrap_or_default();
            let unit =
                std::panic::catch_unwind(AssertUnwindSafe(|| terraform::evaluate_module(&files, &adapt::wanted)))
                    .unwrap_or_else(|_| Unit {
                        resources: Vec::new(),
                        notes: vec![Diagnostic {
                            file: first,
                            offset: None,
                            message: "internal error while evaluating this module".into(),
                        }],
                    });
            (first, unit)
        })
        .collect();
    units.extend(tf_units);
    units.sort_by_key(|(first, _)| *first);
    let units: Vec<Unit> = units.into_iter().map(|(_, u)| u).collect();
    for u in &units {
        out.notes.extend(u.notes.iter().cloned());
    }

    let model = adapt::build(&units);
    out.resources = model.resources.len();
    let anchor = if opts.account {
        (0..out.files.len())
            .find(|&i| !out.files[i].text.is_empty())
            .map(|i| Span::new(FileId(i as u32), 0, 0))
    } else {
        None
    };
    let cx = Context {
        model: &model,
        account_anchor: anchor,
    };
    let mut findings: Vec<Finding> = selected
        .par_iter()
        .flat_map(|r| rules::run(r, &cx, opts.strict))
        .collect();
    findings.sort_by(|a, b| {
        let fa = &out.files[a.span.file.0 as usize].path;
        let fb = &out.files[b.span.file.0 as usize].path;
        (fa, a.span.start, a.rule_id, &a.message, a.span.end).cmp(&(
            fb,
            b.span.start,
            b.rule_id,
            &b.message,
            b.span.end,
        ))
    });
    findings.dedup();
    out.findings = findings;
    out.model = model;
    let key = |d: &Diagnostic| (out.files[d.file.0 as usize].path.clone(), d.offset, d.message.clone());
    out.errors.sort_by_key(key);
    out.notes.sort_by_key(key);
    out.notes.dedup();
    out
}

/// Reads a file the scan did not discover (a parameter file, a nested stack's template)
/// into `out.files`; `None` (with an error recorded) when it cannot be read.
fn load_extra(path: &Path, out: &mut ScanOutput) -> Option<(FileId, Arc<str>)> {
    let id = FileId(out.files.len() as u32);
    let text: Result<Arc<str>, String> = read(path).and_then(|b| {
        String::from_utf8(b).map(Arc::from).map_err(|e| {
            format!(
                "file is not valid UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })
    });
    match text {
        Ok(text) => {
            out.files.push(SourceFile::new(display_path(path), text.clone()));
            Some((id, text))
        }
        Err(message) => {
            out.files.push(SourceFile::new(display_path(path), Arc::from("")));
            out.errors.push(Diagnostic {
                file: id,
                offset: None,
                message,
            });
            None
        }
    }
}

/// CloudFormation: parameter values, nested stack templates not found by discovery, then
/// every template evaluated (children through their parents).
fn evaluate_templates(
    opts: &Options,
    mut templates: Vec<cloudformation::TemplateFile>,
    out: &mut ScanOutput,
) -> Vec<(FileId, Unit)> {
    let mut overrides = cloudformation::Overrides::new();
    for path in &opts.cfn_param_files {
        let Some((id, text)) = load_extra(path, out) else {
            continue;
        };
        let lower = path.to_string_lossy().to_ascii_lowercase();
        let yaml = lower.ends_with(".yaml") || lower.ends_with(".yml");
        match cloudformation::params::parse_file(id, &text, yaml) {
            Ok(values) => overrides.extend(values),
            Err((offset, message)) => out.errors.push(Diagnostic {
                file: id,
                offset,
                message: format!("invalid parameter file: {message}"),
            }),
        }
    }
    for p in &opts.cfn_params {
        if let Ok((k, v)) = cloudformation::params::parse_assignment(p) {
            overrides.insert(k, v);
        }
    }
    if templates.is_empty() {
        return Vec::new();
    }
    // Nested stack templates outside the scanned paths: load them (bounded).
    let mut known: std::collections::HashSet<PathBuf> =
        templates.iter().map(|t| cloudformation::normalize(&t.path)).collect();
    // In rounds: the children of the templates found so far (in parallel), then the
    // children of those just loaded.
    let mut start = 0;
    while start < templates.len() && templates.len() < 10_000 {
        let children: Vec<PathBuf> = templates[start..]
            .par_iter()
            .flat_map(|t| {
                std::panic::catch_unwind(AssertUnwindSafe(|| cloudformation::child_paths(t, &overrides)))
                    .unwrap_or_default()
            })
            .collect();
        start = templates.len();
        for child in children {
            if !known.insert(child.clone()) || !child.is_file() {
                continue;
            }
            let Some((id, text)) = load_extra(&child, out) else {
                continue;
            };
            let lower = child.to_string_lossy().to_ascii_lowercase();
            let parsed = if lower.ends_with(".json") || text.trim_start().starts_with('{') {
                doc::json::parse(&text)
            } else {
                doc::yaml::parse(&text)
            };
            match parsed {
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
    cloudformation::evaluate_all(&templates, &overrides, &adapt::wanted)
}
