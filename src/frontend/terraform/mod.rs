//! Terraform front end: a directory is a module. Files are parsed with `hcl-edit`
//! (byte spans on every node). Each root module (a directory no other scanned module
//! calls) is evaluated with its child modules into one [`Unit`] whose resources carry
//! module-qualified instance addresses (see [`eval`]).

mod eval;
mod functions;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use hcl_edit::Span as _;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};

use super::{Diagnostic, Unit};
use crate::source::{FileId, Span};

/// A parsed `.tf` file.
pub struct ParsedFile {
    pub file: FileId,
    pub body: Body,
}

/// Parses one `.tf` file; a syntax error becomes a located diagnostic.
pub fn parse(file: FileId, text: &str) -> Result<ParsedFile, Diagnostic> {
    match hcl_edit::parser::parse_body(text) {
        Ok(body) => Ok(ParsedFile { file, body }),
        Err(err) => {
            let loc = err.location();
            Err(Diagnostic {
                file,
                offset: Some(loc.offset().min(text.len()) as u32),
                message: format!("HCL syntax error: {}", err.message()),
            })
        }
    }
}

/// The content of a variable definitions file.
pub enum VarsContent {
    Hcl(Body),
    Json(crate::doc::Node),
}

/// A `.tfvars` / `.tfvars.json` file.
pub struct VarsFile {
    pub file: FileId,
    /// File name, for provenance messages (`terraform.tfvars`).
    pub name: String,
    pub content: VarsContent,
}

/// Parses a variable definitions file (HCL, or JSON when the name ends in `.json`).
pub fn parse_vars(file: FileId, path: &Path, text: &str) -> Result<VarsFile, Diagnostic> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let content = if name.to_ascii_lowercase().ends_with(".json") {
        match crate::doc::json::parse(text) {
            Ok(n) => VarsContent::Json(n),
            Err(e) => {
                return Err(Diagnostic {
                    file,
                    offset: Some(e.offset as u32),
                    message: e.message,
                });
            }
        }
    } else {
        VarsContent::Hcl(parse(file, text)?.body)
    };
    Ok(VarsFile { file, name, content })
}

/// Is this file one Terraform reads automatically in a root module?
pub fn is_auto_vars(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    matches!(name.as_str(), "terraform.tfvars" | "terraform.tfvars.json")
        || name.ends_with(".auto.tfvars")
        || name.ends_with(".auto.tfvars.json")
}

/// One module directory: its files, its automatically loaded variable files, and where
/// `terraform init` put its remote modules.
#[derive(Default)]
pub struct ModuleDir {
    pub files: Vec<ParsedFile>,
    /// `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)`, in the order
    /// Terraform applies them.
    pub auto_vars: Vec<VarsFile>,
    /// `modules.json` keys (`vpc`, `app.vpc`) -> module directories.
    pub remote: HashMap<String, PathBuf>,
    /// Loaded only because a module calls it (a downloaded module, a local source outside
    /// the scanned paths): never a root.
    pub called_only: bool,
}

impl ModuleDir {
    /// Sorts the auto-loaded variable files into Terraform's order.
    pub fn sort_vars(&mut self) {
        let rank = |n: &str| match n {
            "terraform.tfvars" => 0,
            "terraform.tfvars.json" => 1,
            _ => 2,
        };
        self.auto_vars
            .sort_by(|a, b| (rank(&a.name), &a.name).cmp(&(rank(&b.name), &b.name)));
    }
}

/// What the user gave besides the files.
#[derive(Default)]
pub struct Inputs {
    /// `--var-file`, in order.
    pub var_files: Vec<VarsFile>,
    /// `--var NAME=VALUE`, in order.
    pub vars: Vec<(String, String)>,
    /// `TF_VAR_name` environment variables.
    pub env: Vec<(String, String)>,
    /// `file()`/`templatefile()` read only below these directories.
    pub allowed: Vec<PathBuf>,
}

/// Is this module source a local path (`./x`, `../x`)?
pub fn is_local_source(source: &str) -> bool {
    source.starts_with("./") || source.starts_with("../") || source == "." || source == ".."
}

/// Removes `.` and `..` components without touching the file system.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                let last_is_parent = matches!(out.components().next_back(), Some(std::path::Component::ParentDir));
                if last_is_parent || !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `source` of every module block of a module (name, source).
pub fn module_calls(files: &[ParsedFile]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for pf in files {
        for block in pf.body.blocks().filter(|b| b.ident.as_str() == "module") {
            let source = block.body.get_attribute("source").and_then(|a| match &a.value {
                Expression::String(s) => Some(s.value().to_string()),
                _ => None,
            });
            if let (Some(name), Some(source)) = (label(block, 0), source) {
                out.push((name.to_string(), source));
            }
        }
    }
    out
}

/// Reads `.terraform/modules/modules.json` of a root module directory: key -> directory.
pub fn read_modules_json(dir: &Path) -> HashMap<String, PathBuf> {
    let mut out = HashMap::new();
    let path = dir.join(".terraform").join("modules").join("modules.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return out;
    };
    let Ok(root) = crate::doc::json::parse(&text) else {
        return out;
    };
    for m in root.get("Modules").map(|m| m.items()).unwrap_or(&[]) {
        if let (Some(key), Some(d)) = (
            m.get("Key").and_then(|k| k.as_str()),
            m.get("Dir").and_then(|d| d.as_str()),
        ) && !key.is_empty()
        {
            out.insert(key.to_string(), normalize(&dir.join(d)));
        }
    }
    out
}

/// The root modules: directories no other module calls by a local source. Directories
/// only reachable through a cycle are roots too (so the cycle is reported).
pub fn roots(dirs: &BTreeMap<PathBuf, ModuleDir>) -> Vec<PathBuf> {
    let mut called: BTreeSet<PathBuf> = BTreeSet::new();
    let mut edges: HashMap<&PathBuf, Vec<PathBuf>> = HashMap::new();
    for (dir, md) in dirs {
        for (_, source) in module_calls(&md.files) {
            if is_local_source(&source) {
                let target = normalize(&dir.join(&source));
                if &target != dir {
                    called.insert(target.clone());
                }
                edges.entry(dir).or_default().push(target);
            }
        }
        for target in md.remote.values() {
            called.insert(target.clone());
        }
    }
    let mut roots: Vec<PathBuf> = dirs
        .iter()
        .filter(|(d, m)| !m.called_only && !m.files.is_empty() && !called.contains(*d))
        .map(|(d, _)| d.clone())
        .collect();
    // Reachable from a root?
    let mut seen: BTreeSet<PathBuf> = roots.iter().cloned().collect();
    let mut stack = roots.clone();
    while let Some(d) = stack.pop() {
        for t in edges.get(&d).into_iter().flatten() {
            if seen.insert(t.clone()) {
                stack.push(t.clone());
            }
        }
    }
    for (d, m) in dirs {
        if !m.called_only && !m.files.is_empty() && !seen.contains(d) {
            // Part of a cycle with no root: evaluate it so the cycle is reported.
            seen.insert(d.clone());
            let mut stack = vec![d.clone()];
            while let Some(x) = stack.pop() {
                for t in edges.get(&x).into_iter().flatten() {
                    if seen.insert(t.clone()) {
                        stack.push(t.clone());
                    }
                }
            }
            roots.push(d.clone());
        }
    }
    roots
}

/// Evaluates one root module tree into a unit. Only resources whose type `wanted` accepts
/// become resources; every resource is known for references.
pub fn evaluate_root(
    dirs: &BTreeMap<PathBuf, ModuleDir>,
    root: &Path,
    inputs: &Inputs,
    wanted: &dyn Fn(&str) -> bool,
) -> Unit {
    match eval::Ev::new(dirs, root, inputs) {
        Some(ev) => ev.run(wanted),
        None => Unit::default(),
    }
}

/// Evaluates a set of parsed files as one root module in the current directory (tests).
pub fn evaluate_module(files: Vec<ParsedFile>, wanted: &dyn Fn(&str) -> bool) -> Unit {
    let mut dirs = BTreeMap::new();
    dirs.insert(
        PathBuf::from("."),
        ModuleDir {
            files,
            ..Default::default()
        },
    );
    evaluate_root(&dirs, Path::new("."), &Inputs::default(), wanted)
}

fn label(block: &Block, i: usize) -> Option<&str> {
    block.labels.get(i).map(|l| l.as_str())
}

fn span_of(file: FileId, r: Option<std::ops::Range<usize>>) -> Option<Span> {
    r.map(|r| Span::new(file, r.start, r.end))
}

/// The span of a block's header: from its identifier to the end of its last label.
fn header_span(file: FileId, block: &Block) -> Span {
    let start = block
        .ident
        .span()
        .map(|r| r.start)
        .or(block.span().map(|r| r.start))
        .unwrap_or(0);
    let end = block
        .labels
        .last()
        .and_then(|l| l.span())
        .or(block.ident.span())
        .map(|r| r.end)
        .unwrap_or(start);
    Span::new(file, start, end)
}
