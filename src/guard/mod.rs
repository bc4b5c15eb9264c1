//! Guard policies (`--policy`, config `policies:`): the organisation's own rules, written
//! in the AWS CloudFormation Guard DSL and evaluated by the `cfn-guard` crate on every
//! CloudFormation template (the template document, short-form tags in their long form)
//! and on every evaluated Terraform root module, projected into a CloudFormation-shaped
//! document (`project`). docs/guard.md is the user-facing contract.
//!
//! cfn-guard is only ever given a document blindspot already parsed and bounded, as a
//! value (or, with crates.io's cfn-guard, as JSON text blindspot serialised); never raw
//! YAML (cfn-guard's YAML loader has no depth or size bound). Each policy file is parsed
//! once per scan (the `engine` module).
//!
//! Limits: each evaluation runs on its own thread, inside `catch_unwind`, and is waited for
//! at most [`TIME_BUDGET`]; projected documents larger than [`MAX_JSON_BYTES`] or deeper than
//! [`project::MAX_DEPTH`] are not evaluated. cfn-guard cannot be interrupted: an evaluation
//! that runs over its budget is reported as an error for the file and left to finish on its
//! detached thread (it ends with the process).

pub use crate::rule_ids as intern;
pub mod project;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value as J;

use crate::finding::Finding;
use crate::frontend::Diagnostic;
use crate::policy::Severity;
use crate::source::{FileId, SourceFile, Span};
use crate::suppress::Suppressed;
use project::Projection;

/// Largest projected document (serialised JSON) a policy is evaluated on.
pub const MAX_JSON_BYTES: usize = 16 << 20;
/// Longest one evaluation (one document, one policy file) is waited for.
pub const TIME_BUDGET: Duration = Duration::from_secs(20);
/// Most rules one scan loads (all policy files together).
pub const MAX_RULES: usize = 5_000;

/// One named rule of a policy file.
#[derive(Clone, Debug)]
pub struct GuardRule {
    /// `GUARD:<rule name>`.
    pub id: &'static str,
    pub name: String,
    /// The rule's source text (SARIF help).
    pub text: String,
    /// The policy file it is written in, as shown.
    pub file: String,
    pub severity: Severity,
}

/// A parsed `.guard` file.
#[derive(Clone, Debug)]
pub struct PolicyFile {
    pub file: FileId,
    pub path: String,
    pub text: Arc<str>,
    /// The rules as cfn-guard parsed them, once per scan (they own their text).
    parsed: engine::Parsed,
}

/// The policies of a scan.
#[derive(Clone, Debug, Default)]
pub struct Policies {
    pub files: Vec<PolicyFile>,
    pub rules: Vec<GuardRule>,
}

impl Policies {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
    fn rule(&self, name: &str) -> Option<&GuardRule> {
        self.rules.iter().find(|r| r.name == name)
    }
}

/// What evaluating policies on one document gave.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Findings hidden by CloudFormation `Metadata: guard: SuppressedRules`.
    pub suppressed: Vec<Suppressed>,
    pub errors: Vec<Diagnostic>,
}

impl Outcome {
    pub fn extend(&mut self, other: Outcome) {
        self.findings.extend(other.findings);
        self.suppressed.extend(other.suppressed);
        self.errors.extend(other.errors);
    }
}

/// The `.guard` files a `--policy` path names: the file itself, or the `.guard` files
/// below a folder (sorted).
fn expand(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut out: Vec<PathBuf> = ignore::WalkBuilder::new(path)
        .standard_filters(false)
        .build()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "guard"))
        .collect();
    out.sort();
    out
}

/// Names and texts of the named rules of a policy (`rule NAME [when ...] {`), by a scan of
/// the text that skips comments; the names cfn-guard reports.
fn rule_texts(text: &str) -> Vec<(String, String)> {
    let re = regex::Regex::new(r"(?m)^[ \t]*rule[ \t]+([A-Za-z0-9_][A-Za-z0-9_.\-]*)").expect("valid regex");
    let starts: Vec<(usize, String)> = re
        .captures_iter(text)
        .filter_map(|c| Some((c.get(0)?.start(), c.get(1)?.as_str().to_string())))
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(i, (at, name))| {
            let end = starts.get(i + 1).map_or(text.len(), |n| n.0);
            (name.clone(), text[*at..end].trim_end().to_string())
        })
        .collect()
}

/// 1-based line and column -> byte offset.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut at = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col_bytes: usize = l.chars().take(col.saturating_sub(1)).map(char::len_utf8).sum();
            return (at + col_bytes).min(text.len());
        }
        at += l.len();
    }
    text.len()
}

/// A cfn-guard parse error as (offset, message).
fn parse_error(text: &str, message: &str) -> (usize, String) {
    let re = regex::Regex::new(r"at line (\d+) at column (\d+)(?:, when handling ([^,]*))?").expect("valid regex");
    match re.captures(message) {
        Some(c) => {
            let line = c[1].parse().unwrap_or(1);
            let col = c[2].parse().unwrap_or(1);
            let what = c.get(3).map(|m| m.as_str().trim()).filter(|s| !s.is_empty());
            let msg = match what {
                Some(w) => format!("invalid Guard policy: syntax error ({w})"),
                None => "invalid Guard policy: syntax error".to_string(),
            };
            (offset_of(text, line, col), msg)
        }
        None => (0, format!("invalid Guard policy: {message}")),
    }
}

/// Loads the policy files `paths` name into `files` (so that their errors are located like
/// any other), checking that each parses. Returns the policies and the errors.
pub fn load(
    paths: &[PathBuf],
    severity: &BTreeMap<String, Severity>,
    files: &mut Vec<SourceFile>,
) -> (Policies, Vec<Diagnostic>) {
    let mut p = Policies::default();
    let mut errors = Vec::new();
    for path in paths.iter().flat_map(|p| expand(p)) {
        let id = FileId(files.len() as u32);
        let shown = crate::discover::display_path(&path);
        let text = match std::fs::read(&path) {
            Ok(b) if b.len() as u64 > crate::scan::MAX_FILE_SIZE => Err("policy file is too large".to_string()),
            Ok(b) => String::from_utf8(b).map_err(|_| "policy file is not valid UTF-8".to_string()),
            Err(e) => Err(format!("cannot read policy file: {e}")),
        };
        let text: Arc<str> = match text {
            Ok(t) => Arc::from(t),
            Err(message) => {
                files.push(SourceFile::new(shown, Arc::from("")));
                errors.push(Diagnostic {
                    file: id,
                    offset: None,
                    message,
                });
                continue;
            }
        };
        files.push(SourceFile::new(shown.clone(), text.clone()));
        // Parse once for the scan, and evaluate on an empty document (as `run_checks` on
        // `{}` did: an error there is the policy's).
        let parsed = engine::parse(&text, &shown).and_then(|p| check(&p).map(|()| p));
        let parsed = match parsed {
            Ok(p) => p,
            Err(message) => {
                let (offset, message) = parse_error(&text, &message);
                errors.push(Diagnostic {
                    file: id,
                    offset: Some(offset as u32),
                    message,
                });
                continue;
            }
        };
        let mut ok = true;
        let texts = rule_texts(&text);
        for (name, rule_text) in &texts {
            if let Some(other) = p.rule(name) {
                let at = text.find(rule_text.as_str()).unwrap_or(0);
                errors.push(Diagnostic {
                    file: id,
                    offset: Some(at as u32),
                    message: format!(
                        "Guard rule \"{name}\" is also defined in {}; rule names must be unique",
                        other.file
                    ),
                });
                ok = false;
            }
        }
        if p.rules.len() + texts.len() > MAX_RULES {
            errors.push(Diagnostic {
                file: id,
                offset: None,
                message: format!("more than {MAX_RULES} Guard rules; this policy file was not loaded"),
            });
            ok = false;
        }
        if !ok {
            continue;
        }
        for (name, rule_text) in texts {
            let id = intern::intern(&name);
            let sev = severity
                .iter()
                .find(|(k, _)| **k == name || k.eq_ignore_ascii_case(id))
                .map_or(Severity::Medium, |(_, s)| *s);
            p.rules.push(GuardRule {
                id,
                name,
                text: rule_text,
                file: shown.clone(),
                severity: sev,
            });
        }
        p.files.push(PolicyFile {
            file: id,
            path: shown,
            text,
            parsed,
        });
    }
    (p, errors)
}

/// cfn-guard behind one interface: a policy file parsed once per scan, a document
/// converted once, and one evaluation of the one on the other, giving the event record
/// tree (what cfn-guard's `verbose` report prints). (Its non-verbose structured report is
/// read back from a `BufWriter`'s buffer in cfn-guard 3.2.1 and loses everything but its
/// last 8 KiB on larger reports.)
///
/// With the vendored cfn-guard (vendor/cfn-guard/PATCHED.md; build.rs sets
/// `cfg(guard_parsed)`), the parsed rules own their text and are shared with the
/// evaluation threads, and the document is given as a value.
#[cfg(all(feature = "guard", guard_parsed))]
mod engine {
    use std::sync::Arc;

    use serde_json::Value as J;

    pub type Parsed = Arc<cfn_guard::parsed::ParsedRules>;
    pub type Document = Arc<cfn_guard::parsed::Document>;

    /// The errors are `run_checks`'s.
    pub fn parse(text: &Arc<str>, name: &str) -> Result<Parsed, String> {
        std::panic::catch_unwind(|| cfn_guard::parsed::ParsedRules::parse(text.clone(), Arc::from(name)))
            .map_err(|_| "cfn-guard panicked".to_string())?
            .map(Arc::new)
            .map_err(|e| e.to_string())
    }

    pub fn document(json: &J) -> Result<Document, String> {
        cfn_guard::parsed::Document::from_json(json, "document")
            .map(Arc::new)
            .map_err(|e| e.to_string())
    }

    pub fn eval(rules: &Parsed, data: &Document) -> Result<J, String> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rules.evaluate(data)))
            .map_err(|_| "cfn-guard panicked".to_string())?
            .map_err(|e| e.to_string())
    }
}

/// crates.io's cfn-guard, which only has `run_checks(data, rules)`: the build `cargo
/// package` verifies (it ships neither vendor/ nor the `[patch]`). Every evaluation parses
/// the policy and the document again.
#[cfg(all(feature = "guard", not(guard_parsed)))]
mod engine {
    use std::sync::Arc;

    use serde_json::Value as J;

    /// The policy's text and name.
    pub type Parsed = Arc<(Arc<str>, String)>;
    /// The document as JSON text.
    pub type Document = Arc<str>;

    /// Parsed by [`super::check`]'s evaluation.
    pub fn parse(text: &Arc<str>, name: &str) -> Result<Parsed, String> {
        Ok(Arc::new((text.clone(), name.to_string())))
    }

    pub fn document(json: &J) -> Result<Document, String> {
        serde_json::to_string(json).map(Arc::from).map_err(|e| e.to_string())
    }

    pub fn eval(rules: &Parsed, data: &Document) -> Result<J, String> {
        let data = cfn_guard::ValidateInput {
            content: data,
            file_name: "document",
        };
        let policy = cfn_guard::ValidateInput {
            content: &rules.0,
            file_name: &rules.1,
        };
        let text = std::panic::catch_unwind(|| cfn_guard::run_checks(data, policy, true))
            .map_err(|_| "cfn-guard panicked".to_string())?
            .map_err(|e| e.to_string())?;
        if text.trim().is_empty() {
            return Ok(J::Null);
        }
        serde_json::from_str(&text).map_err(|e| {
            let start: String = text.chars().take(200).collect();
            format!("unexpected cfn-guard output ({e}): {start}")
        })
    }
}

#[cfg(not(feature = "guard"))]
mod engine {
    use std::sync::Arc;

    use serde_json::Value as J;

    pub type Parsed = ();
    pub type Document = ();
    const NO_GUARD: &str = "this blindspot was built without Guard support (cargo feature `guard`)";

    pub fn parse(_text: &Arc<str>, _name: &str) -> Result<Parsed, String> {
        Err(NO_GUARD.to_string())
    }
    pub fn document(_json: &J) -> Result<Document, String> {
        Err(NO_GUARD.to_string())
    }
    pub fn eval(_rules: &Parsed, _data: &Document) -> Result<J, String> {
        Err(NO_GUARD.to_string())
    }
}

/// A parsed policy evaluated on an empty document (an error there is the policy's).
fn check(rules: &engine::Parsed) -> Result<(), String> {
    let empty = engine::document(&J::Object(Default::default()))?;
    engine::eval(rules, &empty).map(|_| ())
}

/// [`engine::eval`] on its own thread, waited for at most [`TIME_BUDGET`].
fn run_bounded(data: engine::Document, rules: engine::Parsed) -> Result<J, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("guard".into())
        .stack_size(64 << 20)
        .spawn(move || {
            let _ = tx.send(engine::eval(&rules, &data));
        });
    if let Err(e) = spawned {
        return Err(format!("cannot start a Guard evaluation: {e}"));
    }
    match rx.recv_timeout(TIME_BUDGET) {
        Ok(r) => r,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "Guard evaluation exceeded its time budget ({} s)",
            TIME_BUDGET.as_secs()
        )),
        Err(_) => Err("cfn-guard panicked".to_string()),
    }
}

/// A failed clause: where (cfn-guard path), what (message).
#[derive(Debug)]
struct Failure {
    rule: String,
    path: String,
    /// What was missing below `path` (cfn-guard's `remaining_query`), when unresolved.
    missing: Option<String>,
    message: String,
    /// The message is the clause's own custom message.
    custom: bool,
    /// What the `when` conditions deciding this clause looked for and did not find (paths,
    /// as `missing` is joined to `path`): a left-out unknown value among them means the
    /// clause may not apply.
    conditions: Vec<String>,
}

fn str_at<'a>(v: &'a J, keys: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for k in keys {
        cur = cur.get(k)?;
    }
    cur.as_str()
}

fn text(v: Option<&J>) -> Option<String> {
    v.and_then(J::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn failed(v: &J) -> bool {
    v.get("status").and_then(J::as_str) == Some("FAIL")
}

/// (path, missing query) of a cfn-guard `QueryResult`.
fn query_path(q: Option<&J>) -> (String, Option<String>) {
    let Some(q) = q else {
        return (String::new(), None);
    };
    if let Some(p) = str_at(q, &["Resolved", "path"]).or_else(|| str_at(q, &["Literal", "path"])) {
        return (p.to_string(), None);
    }
    match q.get("UnResolved") {
        Some(u) => (
            str_at(u, &["traversed_to", "path"]).unwrap_or("").to_string(),
            u.get("remaining_query").and_then(J::as_str).map(str::to_string),
        ),
        None => (String::new(), None),
    }
}

/// The path a clause looked for: where it stopped plus the plain keys of what it still had
/// to read (`/Resources/T/Properties` + `IsMultiRegionTrail`).
fn looked_for(path: &str, missing: Option<&str>) -> String {
    let mut full = path.to_string();
    for key in missing.unwrap_or("").split('.') {
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ':')
        {
            break;
        }
        full = format!("{full}/{key}");
    }
    full
}

/// Every value a record subtree looked for and did not find (`UnResolved` query results).
/// A left-out unknown value is read as such; values that were found cannot be unknown.
fn unresolved_in(v: &J, out: &mut Vec<String>) {
    match v {
        J::Object(m) => {
            if let Some(u) = m.get("UnResolved") {
                let path = str_at(u, &["traversed_to", "path"]).unwrap_or("");
                let missing = u.get("remaining_query").and_then(J::as_str);
                if !path.is_empty() {
                    out.push(looked_for(path, missing));
                }
            }
            for c in m.values() {
                unresolved_in(c, out);
            }
        }
        J::Array(a) => a.iter().for_each(|c| unresolved_in(c, out)),
        _ => {}
    }
}

/// The failed clauses of cfn-guard's event record tree (its verbose report), walked as
/// cfn-guard's own structured report walks it (`report_all_failed_clauses_for_rules`):
/// failed rules and blocks are entered, filters and passing records are not. What the
/// `when` conditions on the way looked for is kept with each failure.
fn walk(rec: &J, rule: &str, rule_message: Option<&str>, conditions: &[String], out: &mut Vec<Failure>) {
    let children = rec.get("children").and_then(J::as_array);
    // The conditions of a rule, type block or `when` block are among its children.
    let mut conditions = conditions.to_vec();
    for c in children.into_iter().flatten() {
        let is_condition = c.get("container").and_then(J::as_object).is_some_and(|o| {
            o.contains_key("RuleCondition") || o.contains_key("TypeCondition") || o.contains_key("WhenCondition")
        });
        if is_condition {
            unresolved_in(c, &mut conditions);
        }
    }
    let conditions = conditions.as_slice();
    let recurse = |rule: &str, msg: Option<&str>, out: &mut Vec<Failure>| {
        for c in children.into_iter().flatten() {
            walk(c, rule, msg, conditions, out);
        }
    };
    let Some((kind, body)) = rec
        .get("container")
        .and_then(J::as_object)
        .and_then(|o| o.iter().next())
    else {
        // `container` is null on the root of a report without a file check.
        recurse(rule, rule_message, out);
        return;
    };
    match kind.as_str() {
        "FileCheck" => recurse(rule, rule_message, out),
        "RuleCheck" if failed(body) => {
            let name = body.get("name").and_then(J::as_str).unwrap_or_default();
            // Findings are reported under the top-level rule; a nested rule's message wins.
            let msg = text(body.get("message"));
            let msg = msg.as_deref().or(rule_message);
            recurse(if rule.is_empty() { name } else { rule }, msg, out);
        }
        "Disjunction" if failed(body) => {
            // `a or b` failed: one failure, at the first place a disjunct points at, with the
            // first custom message any of them has.
            let mut inner = Vec::new();
            recurse(rule, rule_message, &mut inner);
            let message = inner.iter().find(|f| f.custom).map(|f| f.message.clone());
            inner.sort_by_key(|f| f.path.is_empty());
            if let Some(mut f) = inner.into_iter().next() {
                if let Some(m) = message {
                    f.message = m;
                    f.custom = true;
                }
                out.push(f);
            }
        }
        "BlockGuardCheck" | "GuardClauseBlockCheck" | "WhenCheck" if failed(body) => {
            let before = out.len();
            recurse(rule, rule_message, out);
            if out.len() == before
                && let Some(m) = text(body.get("message"))
            {
                out.push(Failure {
                    rule: rule.to_string(),
                    path: String::new(),
                    missing: None,
                    message: rule_message.map_or(m, str::to_string),
                    custom: false,
                    conditions: conditions.to_vec(),
                });
            }
        }
        "TypeCheck" if body.get("block").is_some_and(failed) => recurse(rule, rule_message, out),
        "TypeBlock" if body.as_str() == Some("FAIL") => recurse(rule, rule_message, out),
        // A clause without context is a map key filter's comparison (`Resources[ keys ==
        // %names ]`): cfn-guard records the keys it did not select as failures.
        "ClauseValueCheck"
            if rec
                .get("context")
                .and_then(J::as_str)
                .is_some_and(|c| c.trim().is_empty()) => {}
        "ClauseValueCheck" => {
            let Some((check, c)) = body
                .as_object()
                .and_then(|o| o.iter().next())
                .map(|(k, v)| (k.as_str(), v))
                .or_else(|| body.as_str().map(|k| (k, &J::Null)))
            else {
                return;
            };
            let (value, context_only) = match check {
                "Unary" => (c.get("value").filter(|v| failed(v)), false),
                "Comparison" | "InComparison" if failed(c) => (Some(c), false),
                "MissingBlockValue" => (Some(c), false),
                "DependentRule" | "NoValueForEmptyCheck" => (None, true),
                _ => (None, false),
            };
            if value.is_none() && !context_only {
                return;
            }
            let (path, missing) = query_path(value.and_then(|v| v.get("from")));
            let own = match check {
                "NoValueForEmptyCheck" => text(Some(c)),
                _ => text(value.and_then(|v| v.get("custom_message"))).or_else(|| text(c.get("custom_message"))),
            };
            let custom = own.is_some();
            let message = own
                .or(rule_message.map(str::to_string))
                .or_else(|| text(value.and_then(|v| v.get("message"))))
                .unwrap_or_else(|| match &missing {
                    Some(m) => format!("{m} is missing"),
                    None => format!("Guard rule {rule} failed"),
                });
            out.push(Failure {
                rule: rule.to_string(),
                path,
                missing,
                message,
                custom,
                conditions: conditions.to_vec(),
            });
        }
        _ => {}
    }
}

/// Failed clauses of a cfn-guard event record tree.
fn failures(report: &J) -> Vec<Failure> {
    let mut out = Vec::new();
    walk(report, "", None, &[], &mut out);
    out
}

/// Evaluates every policy on a projected document.
fn evaluate(policies: &Policies, proj: &Projection, strict: bool) -> Outcome {
    let mut out = Outcome::default();
    if policies.is_empty() {
        return out;
    }
    // The size of the document as JSON text (cfn-guard is given the value itself).
    let size = match json_size(&proj.json) {
        Ok(n) => n,
        Err(e) => {
            out.errors.push(error(
                proj.anchor,
                format!("cannot serialise the document for Guard: {e}"),
            ));
            return out;
        }
    };
    if size > MAX_JSON_BYTES {
        out.errors.push(error(
            proj.anchor,
            format!(
                "the document is too large for Guard policies ({size} bytes; the limit is {MAX_JSON_BYTES}); they were not evaluated on it"
            ),
        ));
        return out;
    }
    // The document as Guard sees it, for rule authors (docs/guard.md).
    if std::env::var_os("BLINDSPOT_GUARD_DUMP").is_some_and(|v| !v.is_empty()) {
        eprintln!("{}", serde_json::to_string_pretty(&proj.json).unwrap_or_default());
    }
    let data = match engine::document(&proj.json) {
        Ok(d) => d,
        Err(e) => {
            out.errors.push(error(proj.anchor, format!("Guard policies: {e}")));
            return out;
        }
    };
    for pf in &policies.files {
        let report = match run_bounded(data.clone(), pf.parsed.clone()) {
            Ok(r) => r,
            Err(e) => {
                out.errors
                    .push(error(proj.anchor, format!("Guard policy {}: {e}", pf.path)));
                continue;
            }
        };
        if std::env::var_os("BLINDSPOT_GUARD_DUMP").is_some_and(|v| v == "report") {
            eprintln!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        }
        for f in failures(&report) {
            let Some(rule) = policies.rule(&f.rule) else { continue };
            if let Some(found) = finding(rule, &f, proj, strict) {
                out.findings.push(found.0);
                if let Some(s) = found.1 {
                    out.suppressed.push(s);
                    out.findings.pop();
                }
            }
        }
    }
    // One finding per place and instance (the scan merges instances afterwards).
    let key = |f: &Finding| (f.span, f.rule_id, f.message.clone(), f.instances.clone());
    out.findings.sort_by_key(key);
    out.findings.dedup_by_key(|f| key(f));
    out.suppressed.sort_by_key(|s| key(&s.finding));
    out.suppressed.dedup_by_key(|s| key(&s.finding));
    out
}

/// Bytes of `v` serialised as compact JSON, counted without building the text.
fn json_size(v: &J) -> Result<usize, serde_json::Error> {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0 += b.len();
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Count(0);
    serde_json::to_writer(&mut c, v)?;
    Ok(c.0)
}

fn error(at: Span, message: String) -> Diagnostic {
    Diagnostic {
        file: at.file,
        offset: Some(at.start),
        message,
    }
}

/// The finding for a failed clause (and, when CloudFormation metadata suppresses it, the
/// suppression). `None` when the clause was decided without a value that is unknown and
/// `strict` is off.
fn finding(rule: &GuardRule, f: &Failure, proj: &Projection, strict: bool) -> Option<(Finding, Option<Suppressed>)> {
    let segs: Vec<&str> = f.path.split('/').collect();
    let res_name = (segs.len() >= 3 && segs[1] == "Resources").then(|| segs[2]);
    let res = res_name.and_then(|n| proj.resources.get(n));
    // The nearest written ancestor of the path.
    let mut at = f.path.as_str();
    let loc = loop {
        if let Some(l) = proj.locs.get(at) {
            break Some((at, l));
        }
        match at.rfind('/') {
            Some(i) => at = &at[..i],
            None => break None,
        }
    };
    // A clause about the resource itself or its `Properties` is reported at its header.
    let resource_level = at.split('/').count() <= 4;
    let (span, related) = match (loc, res) {
        (Some((_, (span, prov))), Some(_)) if !resource_level => (*span, prov.clone()),
        (_, Some(r)) => (r.header, Vec::new()),
        (Some((_, (span, prov))), None) => (*span, prov.clone()),
        (None, None) => (proj.anchor, Vec::new()),
    };
    let mut message = f.message.clone();
    // Decided without an unknown value: only under --strict, saying so. The path the clause
    // looked for is where it stopped plus the plain keys of what it still had to read.
    let full = looked_for(&f.path, f.missing.as_deref());
    let touches =
        |full: &str, u: &str| u == full || full.starts_with(&format!("{u}/")) || u.starts_with(&format!("{full}/"));
    // The clause's own value, else a value a condition deciding it looked for.
    // A Terraform reference written as an intrinsic is unknown text: a clause that fails
    // on that value itself is undecided (one that looked inside it, `.Ref exists`, is not).
    let unknown = proj
        .unknown
        .iter()
        .find(|(u, _)| touches(&full, u))
        .or_else(|| {
            proj.unknown
                .iter()
                .find(|(u, _)| f.conditions.iter().any(|c| touches(c, u)))
        })
        .or_else(|| proj.intrinsic.iter().find(|(u, _)| *u == full));
    if let Some((u, why)) = unknown {
        if !strict {
            return None;
        }
        let shown = u.strip_prefix("/Resources/").unwrap_or(u);
        message = format!("{message} (unresolved: decided without {shown}, unknown: {why})");
    }
    if let Some(cond) = res.and_then(|r| r.exists_if.as_ref()) {
        if !strict {
            return None;
        }
        message = format!("{message} (unresolved: exists only if {cond})");
    }
    let attribute = segs
        .iter()
        .position(|s| *s == "Properties")
        .map(|i| segs[i + 1..].join("."))
        .unwrap_or_default();
    let finding = Finding {
        rule_id: rule.id,
        rule_name: rule.name.clone(),
        severity: rule.severity,
        message,
        span,
        resource: res.map(|r| r.address.clone()),
        resource_type: res.map(|r| r.resource_type.clone()),
        iac: res.map(|r| r.iac),
        instances: res.map(|r| r.instances.clone()).unwrap_or_default(),
        related,
        help: format!("Guard rule {} in {}", rule.name, rule.file),
        references: Vec::new(),
        context: None,
        attribute,
        field: "",
        fix: None,
    };
    let suppressed = res.filter(|r| r.suppressed.contains(&rule.name)).map(|_| Suppressed {
        finding: finding.clone(),
        kind: "guard-metadata",
        reason: "Metadata guard SuppressedRules".to_string(),
    });
    Some((finding, suppressed))
}

/// Evaluates the policies on one CloudFormation template (its parsed, bounded tree).
pub fn eval_template(policies: &Policies, file: FileId, root: &crate::doc::Node, strict: bool) -> Outcome {
    if policies.is_empty() {
        return Outcome::default();
    }
    match project::template(file, root) {
        Ok(p) => evaluate(policies, &p, strict),
        Err((at, message)) => Outcome {
            errors: vec![error(at, message)],
            ..Default::default()
        },
    }
}

/// Evaluates the policies on one evaluated Terraform root module.
pub fn eval_terraform(policies: &Policies, unit: &crate::frontend::Unit, strict: bool) -> Outcome {
    if policies.is_empty() || unit.resources.is_empty() {
        return Outcome::default();
    }
    match project::terraform(unit, strict) {
        Ok(p) => evaluate(policies, &p, strict),
        Err((at, message)) => Outcome {
            errors: vec![error(at, message)],
            ..Default::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_and_texts() {
        let t = "# c\nlet x = 1\nrule A when x == 1 {\n  Resources exists\n}\n\nrule B_2 {\n  A\n}\n";
        let r = rule_texts(t);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].0, "A");
        assert!(r[0].1.starts_with("rule A when"));
        assert_eq!(r[1].0, "B_2");
    }

    #[test]
    #[cfg(feature = "guard")]
    fn parse_error_is_located() {
        let text = "rule A {\n  Resources exists\n}\nrule B {\n  Resources.* {{ \n}\n";
        let e = engine::parse(&Arc::from(text), "p.guard")
            .and_then(|p| check(&p))
            .unwrap_err();
        let (off, msg) = parse_error(text, &e);
        assert!(msg.starts_with("invalid Guard policy"), "{msg} / {e}");
        assert!(off > 0, "{e}");
    }

    #[test]
    fn offsets_from_line_and_column() {
        assert_eq!(offset_of("ab\ncd\n", 2, 2), 4);
        assert_eq!(offset_of("ab\ncd\n", 1, 1), 0);
    }
}
