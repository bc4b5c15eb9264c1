//! Terraform front end: a directory is a module. Files are parsed with `hcl-edit`
//! (byte spans on every node). Each root module (a directory no other scanned module
//! calls) is evaluated with its child modules into one [`Unit`] whose resources carry
//! module-qualified instance addresses (see [`eval`]).

mod directives;
mod eval;
mod functions;
pub mod json_syntax;
pub mod plan;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use hcl_edit::Span as _;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};

use super::{Diagnostic, Unit};
use crate::source::{FileId, Span};

/// A parsed `.tf` file.
#[derive(Clone)]
pub struct ParsedFile {
    pub file: FileId,
    pub body: Body,
    /// For `.tf.json` files: the JSON document and its string templates.
    pub json: Option<Box<json_syntax::JsonSource>>,
    /// The suppression directives in the file's comments (see [`directives`]).
    pub directives: Vec<crate::directive::Directive>,
}

/// Parses one `.tf` file; a syntax error becomes a located diagnostic.
pub fn parse(file: FileId, text: &str) -> Result<ParsedFile, Diagnostic> {
    // Terraform ignores a UTF-8 byte order mark (since 0.12, hashicorp/terraform#19715;
    // Windows editors write one). hcl-edit does not: it is replaced by three spaces, so
    // every span stays a byte offset into the original text.
    let unmarked;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            unmarked = format!("   {rest}");
            unmarked.as_str()
        }
        None => text,
    };
    match hcl_edit::parser::parse_body(text) {
        Ok(body) => {
            let directives = directives::collect(file, text, &body);
            Ok(ParsedFile {
                file,
                body,
                json: None,
                directives,
            })
        }
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
#[derive(Clone)]
pub enum VarsContent {
    Hcl(Body),
    Json(crate::doc::Node),
}

/// A `.tfvars` / `.tfvars.json` file.
#[derive(Clone)]
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
    let content = if crate::source::classify(path, &[]).is_json() {
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
    /// Some of the directory's `.tf`/`.tf.json` files are not in `files` (a parse error,
    /// excluded from the scan): a reference to an address declared nowhere in `files` may
    /// be declared there, so it is not reported as dangling.
    pub incomplete: bool,
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

/// What [`roots`] needs of a module directory: its module calls, where `terraform init`
/// put its remote modules, and whether it holds any parsed file. The scan keeps this when
/// it drops a directory's trees (issue 18 item 4).
#[derive(Clone, Debug, Default)]
pub struct DirCalls {
    /// `module` blocks: (name, literal `source`), see [`module_calls`].
    pub calls: Vec<(String, String)>,
    /// The directories of `modules.json` ([`ModuleDir::remote`]).
    pub remote: Vec<PathBuf>,
    pub called_only: bool,
    pub has_files: bool,
}

impl DirCalls {
    pub fn of(md: &ModuleDir) -> DirCalls {
        DirCalls {
            calls: module_calls(&md.files),
            remote: md.remote.values().cloned().collect(),
            called_only: md.called_only,
            has_files: !md.files.is_empty(),
        }
    }

    /// The directories the local `source`s of `dir` name.
    pub fn local_targets<'a>(&'a self, dir: &'a Path) -> impl Iterator<Item = PathBuf> + 'a {
        self.calls
            .iter()
            .filter(|(_, s)| is_local_source(s))
            .map(move |(_, s)| normalize(&dir.join(s)))
    }
}

/// Every string literal of a `.tf`/`.tf.json` text that reads as a local module source
/// (`"./x"`, `"../x"`, `"."`, `".."`), escapes left as written: a superset of the local
/// `source`s [`module_calls`] finds once the text is parsed (an escaped source is the one
/// way to miss, and the scan checks the parsed calls against it).
pub fn local_source_literals(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j] != b'"' && bytes[j] != b'\n' {
            j += if bytes[j] == b'\\' { 2 } else { 1 };
        }
        let end = j.min(bytes.len());
        if let Some(lit) = text.get(start..end)
            && is_local_source(lit)
        {
            out.push(lit);
        }
        i = end + 1;
    }
    out
}

/// The root modules: directories no other module calls by a local source. Directories
/// only reachable through a cycle are roots too (so the cycle is reported).
pub fn roots(dirs: &BTreeMap<PathBuf, ModuleDir>) -> Vec<PathBuf> {
    let calls: BTreeMap<PathBuf, DirCalls> = dirs.iter().map(|(d, m)| (d.clone(), DirCalls::of(m))).collect();
    roots_from(&calls)
}

/// [`roots`] from the module calls of each directory.
pub fn roots_from(dirs: &BTreeMap<PathBuf, DirCalls>) -> Vec<PathBuf> {
    let mut called: BTreeSet<PathBuf> = BTreeSet::new();
    let mut edges: HashMap<&PathBuf, Vec<PathBuf>> = HashMap::new();
    for (dir, md) in dirs {
        for target in md.local_targets(dir) {
            if &target != dir {
                called.insert(target.clone());
            }
            edges.entry(dir).or_default().push(target);
        }
        for target in &md.remote {
            called.insert(target.clone());
        }
    }
    let mut roots: Vec<PathBuf> = dirs
        .iter()
        .filter(|(d, m)| !m.called_only && m.has_files && !called.contains(*d))
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
        if !m.called_only && m.has_files && !seen.contains(d) {
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
    evaluate_root_stats(dirs, root, inputs, wanted).0
}

/// What evaluating a root module tree found (for benchmarks and reports).
#[derive(Clone, Copy, Debug, Default)]
pub struct EvalStats {
    /// Module instances evaluated below the root (resolved module calls).
    pub module_instances: usize,
    /// Module call instances left unresolved (not downloaded, missing, recursive).
    pub unresolved_calls: usize,
}

/// [`evaluate_root`], with statistics.
pub fn evaluate_root_stats(
    dirs: &BTreeMap<PathBuf, ModuleDir>,
    root: &Path,
    inputs: &Inputs,
    wanted: &dyn Fn(&str) -> bool,
) -> (Unit, EvalStats) {
    let dirs: DirRefs = dirs.iter().map(|(d, m)| (d.clone(), m)).collect();
    evaluate_root_in(&dirs, root, inputs, wanted)
}

/// Module directories by path, borrowed: a root is evaluated with the directories it
/// calls, wherever the scan keeps them.
pub type DirRefs<'a> = BTreeMap<PathBuf, &'a ModuleDir>;

/// [`evaluate_root_stats`] on borrowed directories (only those the root calls are read).
pub fn evaluate_root_in(
    dirs: &DirRefs,
    root: &Path,
    inputs: &Inputs,
    wanted: &dyn Fn(&str) -> bool,
) -> (Unit, EvalStats) {
    let (mut unit, stats) = match eval::Ev::new(dirs, root, inputs) {
        Some(ev) => ev.run(wanted),
        None => (Unit::default(), EvalStats::default()),
    };
    unit.aws_provider = aws_provider_version(dirs.get(root).map(|m| &m.files[..]).unwrap_or(&[]), root);
    (unit, stats)
}

/// The AWS provider (`registry.terraform.io/hashicorp/aws`) version a root module runs
/// with: the version its `.terraform.lock.hcl` selects, and the highest lower bound of
/// its `required_providers` constraints (services.md 4.13 needs v6.25.0 for
/// `deletion_protection_enabled`). Child modules' constraints are not read.
pub fn aws_provider_version(files: &[ParsedFile], root: &Path) -> crate::model::ProviderVersion {
    let mut out = crate::model::ProviderVersion::default();
    if let Ok(text) = std::fs::read_to_string(root.join(".terraform.lock.hcl"))
        && let Ok(body) = hcl_edit::parser::parse_body(&text)
    {
        for block in body.blocks().filter(|b| b.ident.as_str() == "provider") {
            let is_aws = label(block, 0).is_some_and(|l| {
                l.eq_ignore_ascii_case("registry.terraform.io/hashicorp/aws") || l.eq_ignore_ascii_case("hashicorp/aws")
            });
            if is_aws && let Some(Expression::String(v)) = block.body.get_attribute("version").map(|a| &a.value) {
                out.locked = parse_version(v.value());
            }
        }
    }
    for pf in files {
        for tf in pf.body.blocks().filter(|b| b.ident.as_str() == "terraform") {
            for rp in tf.body.blocks().filter(|b| b.ident.as_str() == "required_providers") {
                for attr in rp.body.attributes() {
                    let constraint = match &attr.value {
                        // Terraform 0.12 style: `aws = "~> 6.25"`.
                        Expression::String(s) if attr.key.as_str() == "aws" => Some(s.value().to_string()),
                        Expression::Object(o) => {
                            let field = |name: &str| {
                                o.iter().find_map(|(k, v)| {
                                    let key = match k {
                                        hcl_edit::expr::ObjectKey::Ident(i) => i.as_str().to_string(),
                                        hcl_edit::expr::ObjectKey::Expression(Expression::String(s)) => {
                                            s.value().to_string()
                                        }
                                        _ => return None,
                                    };
                                    match v.expr() {
                                        Expression::String(s) if key == name => Some(s.value().to_string()),
                                        _ => None,
                                    }
                                })
                            };
                            let source = field("source");
                            let aws = match source.as_deref() {
                                None => attr.key.as_str() == "aws",
                                Some(src) => {
                                    let src = src.to_ascii_lowercase();
                                    src == "hashicorp/aws" || src == "registry.terraform.io/hashicorp/aws"
                                }
                            };
                            if aws { field("version") } else { None }
                        }
                        _ => None,
                    };
                    if let Some(floor) = constraint.as_deref().and_then(constraint_floor) {
                        out.floor = out.floor.max(Some(floor));
                    }
                }
            }
        }
    }
    out
}

/// `6.25.0`, `6.25` -> `[6, 25, 0]`; pre-releases (`6.25.0-beta1`) and malformed text: `None`.
fn parse_version(text: &str) -> Option<[u64; 3]> {
    let text = text.trim().trim_start_matches('v');
    if text.contains(['-', '+']) {
        return None;
    }
    let mut out = [0u64; 3];
    let mut n = 0;
    for (i, part) in text.split('.').enumerate() {
        if i >= 3 {
            return None;
        }
        out[i] = part.parse().ok()?;
        n += 1;
    }
    (n > 0).then_some(out)
}

/// The lower bound a version constraint (`>= 6.25.0, < 7.0`, `~> 6.25`, `6.26.0`) puts on
/// the version: the highest bound of its `>=`, `>`, `~>`, `=` and bare clauses.
fn constraint_floor(text: &str) -> Option<[u64; 3]> {
    let mut floor = None;
    for clause in text.split(',') {
        let c = clause.trim();
        let rest = if let Some(r) = c.strip_prefix(">=").or_else(|| c.strip_prefix("~>")) {
            r
        } else if c.starts_with("<") || c.starts_with("!=") {
            continue;
        } else if let Some(r) = c.strip_prefix('>').or_else(|| c.strip_prefix('=')) {
            r
        } else {
            c
        };
        if let Some(v) = parse_version(rest) {
            floor = floor.max(Some(v));
        }
    }
    floor
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::{EVal, V};

    fn unit(src: &str) -> Unit {
        let files = vec![parse(FileId(0), src).unwrap()];
        evaluate_module(files, &|t: &str| {
            t == "aws_cloudtrail" || t.starts_with("aws_s3_bucket")
        })
    }

    fn show(v: &EVal) -> String {
        match &v.v {
            V::Ref(r) => format!("ref({}.{})", r.address, r.attr),
            V::Unknown { why, .. } => format!("unknown({why})"),
            _ => functions::to_json(v)
                .map(|j| j.to_string())
                .unwrap_or_else(|| "partly unknown".into()),
        }
    }

    /// The value of `expr` evaluated in a module that also holds `src`.
    fn val(src: &str, expr: &str) -> String {
        let u = unit(&format!(
            "{src}\nresource \"aws_cloudtrail\" \"probe\" {{\n  v = {expr}\n}}\n"
        ));
        let r = u
            .resources
            .iter()
            .find(|r| r.address == "aws_cloudtrail.probe")
            .unwrap();
        show(&r.props.iter().find(|p| p.key == "v").unwrap().val)
    }

    #[test]
    fn locals_in_any_order_and_cycles() {
        let src =
            "locals {\n  a = \"${local.b}-x\"\n  b = upper(local.c)\n  c = \"k\"\n  d = local.e\n  e = local.d\n}";
        assert_eq!(val(src, "local.a"), r#""K-x""#);
        assert_eq!(val(src, "local.d"), "unknown(local.d (cycle))");
        let u = unit(&format!(
            "{src}\nresource \"aws_cloudtrail\" \"p\" {{\n  v = local.d\n}}\n"
        ));
        assert_eq!(u.notes.len(), 1);
        assert!(u.notes[0].message.contains("refers to itself"));
    }

    #[test]
    fn expressions() {
        assert_eq!(val("", "[for x in [1, 2, 3] : x * 2 if x != 2]"), "[2,6]");
        assert_eq!(val("", "{for k, v in {a = 1, b = 2} : v => k}"), r#"{"1":"a","2":"b"}"#);
        assert_eq!(
            val("", "{for x in [\"a\", \"b\", \"a\"] : x => 1...}"),
            r#"{"a":[1,1],"b":[1]}"#
        );
        assert_eq!(val("", "[{a = 1}, {a = 2}][*].a"), "[1,2]");
        assert_eq!(val("", "[{a = 1}, {a = 2}].*.a"), "[1,2]");
        assert_eq!(val("", "{a = [10, 20]}.a[1]"), "20");
        assert_eq!(val("", "\"%{ if 1 < 2 }yes%{ else }no%{ endif }\""), r#""yes""#);
        assert_eq!(
            val("", "\"%{ for i, x in [\"a\", \"b\"] }${i}${x},%{ endfor }\""),
            r#""0a,1b,""#
        );
        assert_eq!(val("", "<<-EOT\n    a\n      b\n    EOT"), r#""a\n  b\n""#);
        assert_eq!(val("", "!true || (3 % 2 == 1 && -1 < 0)"), "true");
        assert_eq!(val("", "path.module"), r#"".""#);
        assert_eq!(val("", "terraform.workspace"), r#""default""#);
        assert_eq!(val("", "self.arn"), "unknown(self.arn)");
        assert_eq!(val("", "try({a = 1}.b, \"fallback\")"), r#""fallback""#);
        assert_eq!(val("", "can({a = 1}.b)"), "false");
        assert_eq!(val("variable \"x\" {}", "try(var.x, 1)"), "unknown(var.x)");
        assert_eq!(val("variable \"x\" {}", "var.x ? 1 : 2"), "unknown(var.x)");
        assert_eq!(val("", "concat([[\"a\"], [\"b\"]]...)"), r#"["a","b"]"#);
    }

    #[test]
    fn variables_and_types() {
        let src = r#"
variable "n" {
  type    = number
  default = "5"
}
variable "o" {
  type = object({
    name = string
    tags = optional(map(string), {})
    on   = optional(bool)
  })
  default = { name = 7 }
}
variable "nn" {
  type     = string
  default  = "d"
  nullable = false
}
"#;
        assert_eq!(val(src, "var.n + 1"), "6");
        assert_eq!(val(src, "var.o"), r#"{"name":"7","on":null,"tags":{}}"#);
        assert_eq!(val(src, "var.missing"), "unknown(error: var.missing is not declared)");
    }

    #[test]
    fn resources_expand_and_link() {
        let src = r#"
resource "aws_s3_bucket" "logs" {
  for_each = toset(["a", "b"])
  bucket   = "logs-${each.key}"
}
resource "aws_s3_bucket_versioning" "logs" {
  for_each = aws_s3_bucket.logs
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_public_access_block" "one" {
  count  = 2
  bucket = aws_s3_bucket.logs["a"].id
  block_public_acls = count.index == 0
}
resource "aws_s3_bucket_logging" "never" {
  count  = 0
  bucket = "x"
}
"#;
        let u = unit(src);
        let inst = |t: &str| -> Vec<String> {
            u.resources
                .iter()
                .filter(|r| r.resource_type == t)
                .flat_map(|r| r.instances.clone())
                .collect()
        };
        assert_eq!(
            inst("aws_s3_bucket"),
            vec!["aws_s3_bucket.logs[\"a\"]", "aws_s3_bucket.logs[\"b\"]"]
        );
        assert_eq!(
            inst("aws_s3_bucket_versioning"),
            vec![
                "aws_s3_bucket_versioning.logs[\"a\"]",
                "aws_s3_bucket_versioning.logs[\"b\"]"
            ]
        );
        assert_eq!(inst("aws_s3_bucket_public_access_block").len(), 2);
        assert!(inst("aws_s3_bucket_logging").is_empty());
        let v = u
            .resources
            .iter()
            .find(|r| r.instances == ["aws_s3_bucket_versioning.logs[\"b\"]"])
            .unwrap();
        assert_eq!(show(&v.props[0].val), "ref(aws_s3_bucket.logs[\"b\"].id)");
        let b = u
            .resources
            .iter()
            .find(|r| r.instances == ["aws_s3_bucket.logs[\"b\"]"])
            .unwrap();
        assert_eq!(show(&b.props[0].val), r#""logs-b""#);
        assert_eq!(
            val(src, "aws_s3_bucket.logs[\"a\"].arn"),
            "ref(aws_s3_bucket.logs[\"a\"].arn)"
        );
        assert_eq!(val(src, "length(aws_s3_bucket_public_access_block.one[*].id)"), "2");
        // Attributes set in configuration are readable; computed ones stay references.
        assert_eq!(val(src, "aws_s3_bucket.logs[\"b\"].bucket"), r#""logs-b""#);
        assert_eq!(
            val(src, "aws_s3_bucket_public_access_block.one[1].block_public_acls"),
            "false"
        );
        assert_eq!(
            val(src, "aws_s3_bucket_versioning.logs[\"a\"].bucket"),
            "ref(aws_s3_bucket.logs[\"a\"].id)"
        );
    }

    /// Differences `scripts/differential.py` found against `terraform plan`
    /// (testdata/eval/functions).
    #[test]
    fn maps_are_walked_in_key_order_and_decimals_add_exactly() {
        let src = "locals {\n  m = { b = 2, a = 1, c = 3 }\n}";
        assert_eq!(val(src, "\"%{for k, v in local.m}${k}${v}%{endfor}\""), r#""a1b2c3""#);
        assert_eq!(val(src, "[for k, v in local.m : k]"), r#"["a","b","c"]"#);
        assert_eq!(val("", "0.1 + 0.2"), "0.3");
        assert_eq!(val("", "1.1 * 3"), "3.3");
        assert_eq!(val("", "1 / 3"), "0.3333333333333333");
        assert_eq!(val("", "12345678901234 + 1"), "12345678901235");
        let set = "variable \"s\" {\n  type    = set(string)\n  default = [\"b\", \"a\", \"b\"]\n}";
        assert_eq!(val(set, "join(\",\", var.s)"), r#""a,b""#);
    }

    #[test]
    fn null_in_configuration_reads_as_computed() {
        // Terraform plans `name` as unknown (the provider derives it from `name_prefix`).
        let src = "resource \"aws_s3_bucket\" \"b\" {\n  bucket        = null\n  bucket_prefix = \"logs-\"\n}\n";
        assert_eq!(val(src, "aws_s3_bucket.b.bucket"), "ref(aws_s3_bucket.b.bucket)");
        assert_eq!(val(src, "aws_s3_bucket.b.bucket_prefix"), r#""logs-""#);
        assert_eq!(
            val(src, "try(aws_s3_bucket.b.bucket, \"\")"),
            "ref(aws_s3_bucket.b.bucket)"
        );
    }

    #[test]
    fn dynamic_blocks_expand() {
        let u = unit(
            "resource \"aws_cloudtrail\" \"t\" {\n  dynamic \"event_selector\" {\n    for_each = {a = \"All\", b = \"ReadOnly\"}\n    iterator = sel\n    content {\n      read_write_type = sel.value\n      name = sel.key\n    }\n  }\n}\n",
        );
        let p = &u.resources[0].props[0];
        assert_eq!(p.key, "event_selector");
        assert_eq!(
            show(&p.val),
            r#"[{"name":"a","read_write_type":"All"},{"name":"b","read_write_type":"ReadOnly"}]"#
        );
    }

    #[test]
    fn data_sources() {
        let src = r#"
data "aws_partition" "p" {}
data "aws_caller_identity" "me" {}
data "aws_iam_policy_document" "tls" {
  statement {
    sid     = "DenyInsecure"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
resource "aws_s3_bucket" "b" {}
"#;
        assert_eq!(val(src, "data.aws_partition.p.partition"), r#""aws""#);
        assert_eq!(
            val(src, "data.aws_caller_identity.me.account_id"),
            "unknown(data.aws_caller_identity.me.account_id)"
        );
        let doc = val(src, "jsondecode(data.aws_iam_policy_document.tls.json)");
        assert_eq!(
            doc,
            r#"{"Statement":[{"Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Deny","Principal":"*","Resource":["${aws_s3_bucket.b.arn}","${aws_s3_bucket.b.arn}"],"Sid":"DenyInsecure"}],"Version":"2012-10-17"}"#
        );
        assert_eq!(val(src, "data.aws_vpc.x.id"), "unknown(data.aws_vpc.x.id)");
    }

    #[test]
    fn modules_resolve_outputs_in_one_unit() {
        let dir = tempfile_dir();
        std::fs::create_dir_all(dir.join("child")).unwrap();
        std::fs::write(
            dir.join("child/main.tf"),
            "variable \"n\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b-${var.n}\"\n}\noutput \"id\" {\n  value = aws_s3_bucket.b.id\n}\noutput \"name\" {\n  value = aws_s3_bucket.b.bucket\n}\n",
        )
        .unwrap();
        let root_src = "module \"c\" {\n  source   = \"./child\"\n  for_each = toset([\"x\", \"y\"])\n  n        = each.key\n}\nresource \"aws_cloudtrail\" \"t\" {\n  s3_bucket_name = module.c[\"y\"].id\n  name = [for m in module.c : m.id]\n}\n";
        let mut dirs = BTreeMap::new();
        let child = parse(FileId(1), &std::fs::read_to_string(dir.join("child/main.tf")).unwrap()).unwrap();
        dirs.insert(
            dir.clone(),
            ModuleDir {
                files: vec![parse(FileId(0), root_src).unwrap()],
                ..Default::default()
            },
        );
        dirs.insert(
            dir.join("child"),
            ModuleDir {
                files: vec![child],
                ..Default::default()
            },
        );
        assert_eq!(roots(&dirs), vec![dir.clone()]);
        let u = evaluate_root(&dirs, &dir, &Inputs::default(), &|t: &str| t.starts_with("aws_"));
        let t = u
            .resources
            .iter()
            .find(|r| r.resource_type == "aws_cloudtrail")
            .unwrap();
        assert_eq!(show(&t.props[0].val), "ref(module.c[\"y\"].aws_s3_bucket.b.id)");
        assert_eq!(show(&t.props[1].val), "partly unknown");
        let names: Vec<String> = u
            .resources
            .iter()
            .filter(|r| r.resource_type == "aws_s3_bucket")
            .map(|r| format!("{} {}", r.instances[0], show(&r.props[0].val)))
            .collect();
        assert_eq!(
            names,
            vec![
                "module.c[\"x\"].aws_s3_bucket.b \"b-x\"",
                "module.c[\"y\"].aws_s3_bucket.b \"b-y\""
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn nullable_false_replaces_null_with_the_default() {
        let src = "variable \"nn\" {\n  default  = \"d\"\n  nullable = false\n}\nvariable \"n\" {\n  default = \"d\"\n}\nresource \"aws_cloudtrail\" \"t\" {\n  a = var.nn\n  b = var.n\n}\n";
        let mut dirs = BTreeMap::new();
        dirs.insert(
            PathBuf::from("."),
            ModuleDir {
                files: vec![parse(FileId(0), src).unwrap()],
                ..Default::default()
            },
        );
        let inputs = Inputs {
            var_files: vec![VarsFile {
                file: FileId(1),
                name: "x.tfvars.json".into(),
                content: VarsContent::Json(crate::doc::json::parse("{\"nn\": null, \"n\": null}").unwrap()),
            }],
            ..Default::default()
        };
        let u = evaluate_root(&dirs, Path::new("."), &inputs, &|t: &str| t == "aws_cloudtrail");
        let p = &u.resources[0].props;
        assert_eq!(show(&p[0].val), r#""d""#);
        assert_eq!(show(&p[1].val), "null");
    }

    #[test]
    fn local_source_literals_cover_every_local_module_source() {
        let src = "module \"a\" {\n  source = \"../a\" # \"./not\n}\nmodule \"b\" {\n  source=\"./b\"\n}\nmodule \"r\" {\n  source = \"x/y\"\n}\nlocals {\n  s = \"a \\\" ./q\"\n  t = \".\"\n}\n";
        assert_eq!(local_source_literals(src), vec!["../a", "./not", "./b", "."]);
        let pf = parse(FileId(0), src).unwrap();
        let calls = module_calls(&[pf]);
        let lits = local_source_literals(src);
        assert!(
            calls
                .iter()
                .filter(|(_, s)| is_local_source(s))
                .all(|(_, s)| lits.contains(&s.as_str()))
        );
    }

    #[test]
    fn aws_provider_version_from_lock_file_and_constraints() {
        assert_eq!(constraint_floor(">= 6.25.0, < 7.0"), Some([6, 25, 0]));
        assert_eq!(constraint_floor("~> 6.26"), Some([6, 26, 0]));
        assert_eq!(constraint_floor("< 7.0"), None);
        assert_eq!(constraint_floor("6.25.1"), Some([6, 25, 1]));
        assert_eq!(parse_version("6.25.0-beta1"), None);
        let src = r#"
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, >= 6.25.0"
    }
    other = { source = "acme/aws", version = ">= 9.0" }
  }
}
"#;
        let pf = parse(FileId(0), src).unwrap();
        let v = aws_provider_version(&[pf], Path::new("/nonexistent"));
        assert_eq!(v.floor, Some([6, 25, 0]));
        assert_eq!(v.locked, None);
        assert_eq!(v.at_least([6, 25, 0]), Some(true));
        let dir = tempfile_dir();
        std::fs::write(
            dir.join(".terraform.lock.hcl"),
            "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"5.100.0\"\n}\n",
        )
        .unwrap();
        let v = aws_provider_version(&[], &dir);
        assert_eq!(v.locked, Some([5, 100, 0]));
        assert_eq!(v.at_least([6, 25, 0]), Some(false));
        assert_eq!(crate::model::ProviderVersion::default().at_least([6, 25, 0]), None);
    }

    fn tempfile_dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "blindspot-tf-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        normalize(&d)
    }
}
