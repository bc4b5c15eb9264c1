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
use crate::source::{FileId, SourceFile, Span};
use crate::suppress::Suppressed;
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
    /// Severity overrides per rule (id or name), from the config file.
    pub severity: BTreeMap<String, Severity>,
    /// Turns every inline and `Metadata` suppression off (`--no-inline-suppressions`).
    pub no_inline_suppressions: bool,
    /// Glob patterns (relative paths, `/`-separated) of files never to scan.
    pub exclude: Vec<String>,
    /// The day expiring suppressions are compared with (`YYYY-MM-DD`); default: today (UTC).
    pub today: Option<String>,
    /// Carried from the config file for the rules that will read them (not read yet).
    pub min_retention_days: Option<u32>,
    /// Bucket names that are log buckets although defined outside the scanned code (carried).
    pub log_buckets: Vec<String>,
    /// Log group names defined outside the scanned code (carried).
    pub log_groups: Vec<String>,
    /// Terraform variable files from the config file (carried; read by the variables work).
    pub var_files: Vec<PathBuf>,
    /// Counters a progress display can watch (files found, files read and parsed).
    pub progress: Progress,
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
    /// Findings hidden by a suppression, sorted like `findings`.
    pub suppressed: Vec<Suppressed>,
    /// Findings hidden because the baseline records them.
    pub baselined: usize,
    /// Baseline entries no current finding matches any more.
    pub fixed: usize,
    /// The rules whose findings are reported (after `--rule`/`--skip`).
    pub selected: Vec<&'static str>,
}

impl ScanOutput {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
}

/// What reading and parsing one file gave.
enum Parsed {
    Terraform(terraform::ParsedFile),
    Template(Unit),
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
        return Parsed::Template(cloudformation::evaluate_template(id, &root, &adapt::wanted));
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
    for rule in RULES {
        let matches = |k: &String| rules::find(k).is_some_and(|r| r.id == rule.id);
        if (opts.only.is_empty() || opts.only.iter().any(matches)) && !opts.skip.iter().any(matches) {
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

/// Files given on the command line: a `.tf` file stands for its module directory (its
/// `.tf` files), so links across files resolve. Returns the paths to scan and, when any
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
        if is_tf(p) || p.extension().is_some_and(|e| e == "tfvars") {
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if let Ok(entries) = std::fs::read_dir(&dir) {
                let mut tf: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| dir.join(e.file_name())))
                    .map(|f| f.components().filter(|c| *c != std::path::Component::CurDir).collect())
                    .filter(|f: &PathBuf| f.is_file() && (is_tf(f) || is_tf_json(f)))
                    .collect();
                tf.sort();
                out.extend(tf);
            }
            if is_tf(p) {
                out.push(p.clone());
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

fn run(opts: &Options, selected: &[&'static rules::Rule], exclude: &globset::GlobSet) -> ScanOutput {
    let (paths, report_roots) = expand_paths(&opts.paths);
    let (mut found, walk_errors) = discover(&paths);
    if !exclude.is_empty() {
        found.retain(|p| {
            let shown = display_path(p);
            !(exclude.is_match(&shown) || exclude.is_match(p))
        });
    }
    let mut out = ScanOutput::default();
    opts.progress
        .total
        .store(found.len(), std::sync::atomic::Ordering::Relaxed);

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
            opts.progress.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            (SourceFile::new(shown, text), parsed)
        })
        .collect();

    let mut modules: BTreeMap<PathBuf, Vec<terraform::ParsedFile>> = BTreeMap::new();
    let mut units: Vec<(FileId, Unit)> = Vec::new();
    for (i, (file, parsed)) in results.into_iter().enumerate() {
        out.files.push(file);
        match parsed {
            Parsed::Terraform(p) => {
                out.iac_files += 1;
                let dir = found[i].parent().map(Path::to_path_buf).unwrap_or_default();
                modules.entry(dir).or_default().push(p);
            }
            Parsed::Template(u) => {
                out.iac_files += 1;
                units.push((FileId(i as u32), u));
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
    // Every rule runs, so that an ignore for a rule that was not selected is not called
    // unused; only the selected rules' findings are reported.
    let mut findings: Vec<Finding> = RULES.par_iter().flat_map(|r| rules::run(r, &cx, opts.strict)).collect();
    for f in &mut findings {
        if let Some((_, s)) = opts
            .severity
            .iter()
            .find(|(k, _)| rules::find(k).is_some_and(|r| r.id == f.rule_id))
        {
            f.severity = *s;
        }
    }
    let mut suppressed = Vec::new();
    if !opts.no_inline_suppressions {
        let today = opts.today.clone().unwrap_or_else(crate::suppress::today);
        let outcome = crate::suppress::apply(&out.files, &model, findings, &today);
        findings = outcome.kept;
        findings.extend(outcome.extra);
        suppressed = outcome.suppressed;
    }
    let is_selected = |f: &Finding| selected.iter().any(|r| r.id == f.rule_id);
    let cwd = std::env::current_dir().ok();
    let shown_roots: Option<Vec<(String, bool)>> = report_roots.map(|r| {
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
            .collect()
    });
    let reported = |f: &Finding| {
        is_selected(f)
            && shown_roots
                .as_ref()
                .is_none_or(|roots| in_roots(&out.files[f.span.file.0 as usize].path, roots))
    };
    findings.retain(|f| reported(f));
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
    findings.dedup();
    suppressed.sort_by(|a, b| order(&a.finding, &b.finding));
    suppressed.dedup();
    out.findings = findings;
    out.suppressed = suppressed;
    out.selected = selected.iter().map(|r| r.id).collect();
    out.model = model;
    let key = |d: &Diagnostic| (out.files[d.file.0 as usize].path.clone(), d.offset, d.message.clone());
    out.errors.sort_by_key(key);
    out.notes.sort_by_key(key);
    out.notes.dedup();
    out
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
