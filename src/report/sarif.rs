//! SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. Validated against the
//! OASIS schema by `tests/formats.rs`.

use serde_json::{Value, json};

use crate::finding::Finding;
use crate::frontend::Diagnostic;
use crate::policy::{Policy, Severity};
use crate::report::{AsReport, Report};
use crate::report::{Options, REPOSITORY, RULE_DOCS_BASE, fingerprint, range};
use crate::source::Span;

/// GitHub code scanning's limits on one SARIF run (docs: "SARIF support for code
/// scanning", upload limits): results accepted per run, and results it displays.
pub const GITHUB_MAX_RESULTS: usize = 25_000;
pub const GITHUB_SHOWN_RESULTS: usize = 5_000;
/// GitHub ignores a `fullDescription` longer than this many characters.
pub const GITHUB_MAX_DESCRIPTION: usize = 1024;

/// The base id that relative artifact URIs resolve against.
pub const SRCROOT: &str = "%SRCROOT%";

/// GitHub's `security-severity` scale.
pub fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn rule(p: &Policy) -> Value {
    let mut tags = vec!["security".to_string(), "logging".to_string()];
    tags.extend(p.all_references());
    json!({
        "id": p.id,
        "name": p.name,
        "shortDescription": {"text": p.title},
        "fullDescription": {"text": cap(&p.rationale.split_whitespace().collect::<Vec<_>>().join(" "), GITHUB_MAX_DESCRIPTION)},
        "help": {"text": p.help, "markdown": p.markdown()},
        "helpUri": format!("{RULE_DOCS_BASE}{}.md", p.id),
        "defaultConfiguration": {"level": level(p.severity)},
        "properties": {
            "security-severity": security_severity(p.severity),
            "precision": "high",
            "problem.severity": match p.severity {
                Severity::Critical | Severity::High => "error",
                Severity::Medium => "warning",
                Severity::Low => "recommendation",
            },
            "tags": tags,
        },
    })
}

/// `text` cut at a word boundary to at most `max` characters (with an ellipsis when cut);
/// the full text stays in the rule's `help.markdown`.
pub fn cap(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max - 1).collect();
    let cut = head.rfind(' ').filter(|&i| i > max / 2).unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end())
}

/// An artifact location: relative paths resolve against `%SRCROOT%` (the directory the
/// scan ran in); paths outside it are absolute `file://` URIs.
fn artifact(path: &str) -> Value {
    if path.starts_with('/') {
        json!({"uri": format!("file://{}", encode(path))})
    } else {
        json!({"uri": encode(path), "uriBaseId": SRCROOT})
    }
}

/// Percent-encodes what may not appear in a URI path.
fn encode(path: &str) -> String {
    let mut s = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn location(out: &Report, span: Span, message: Option<&str>) -> Value {
    let (s, e) = range(out, span);
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": artifact(&out.file(span.file).path),
            "region": {
                "startLine": s.line,
                "startColumn": s.column,
                "endLine": e.line,
                "endColumn": e.column,
            },
        },
    });
    if let Some(m) = message {
        loc["message"] = json!({"text": m});
    }
    loc
}

/// Keeps message text from forming an embedded link (`[x](1)`) by accident: a `](`
/// never occurs in plain text that is not a link (backslash escapes would show on GitHub).
fn escape_text(s: &str) -> String {
    s.replace("](", "] (")
}

/// The result message: the finding, links to its related locations (`[value set
/// here](1)`, which GitHub renders as links to where a value came from), then the fix.
pub fn message_text(f: &Finding) -> String {
    let mut text = escape_text(&f.message);
    if !f.related.is_empty() {
        let links: Vec<String> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| format!("[{}]({})", escape_text(&r.message), i + 1))
            .collect();
        text = format!("{text} ({})", links.join(", "));
    }
    if !f.help.is_empty() {
        text = format!("{text}. {}", escape_text(&f.help));
    }
    text
}

/// GitHub's alert identity: `primaryLocationLineHash` (its upload action computes one
/// from the line's content when absent, so alerts would move with edits). Derived from
/// blindspot's line-independent fingerprint, with GitHub's `:occurrence` suffix.
fn line_hash(print: &str, occurrence: usize) -> String {
    format!("{}:{occurrence}", &print[..print.len().min(16)])
}

fn result(out: &Report, f: &Finding, occurrence: usize) -> Value {
    // `tool.driver.rules` lists the rules that run (retired ones are omitted), then the
    // Guard rules of the loaded policies.
    let index = crate::rules::active()
        .position(|r| r.id == f.rule_id)
        .or_else(|| {
            out.guard_rules
                .iter()
                .position(|g| g.id == f.rule_id)
                .map(|i| crate::rules::active().count() + i)
        })
        .unwrap_or(0);
    let text = message_text(f);
    let mut loc = location(out, f.span, None);
    if let Some(res) = &f.resource {
        loc["logicalLocations"] = json!([{"fullyQualifiedName": res, "kind": "resource"}]);
    }
    let related: Vec<Value> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut l = location(out, r.span, Some(&r.message));
            l["id"] = json!(i + 1);
            l
        })
        .collect();
    let print = fingerprint(out, f);
    let mut r = json!({
        "ruleId": f.rule_id,
        "ruleIndex": index,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [loc],
        "partialFingerprints": {
            "blindspotFingerprint/v1": print,
            "primaryLocationLineHash": line_hash(&print, occurrence),
        },
    });
    if !related.is_empty() {
        r["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &f.fix {
        r["fixes"] = json!([sarif_fix(out, fix)]);
    }
    let mut props = serde_json::Map::new();
    props.insert("severity".into(), json!(f.severity.as_str()));
    if let Some(t) = &f.resource_type {
        props.insert("resourceType".into(), json!(t));
    }
    if !f.instances.is_empty() {
        props.insert("instances".into(), json!(f.instances));
    }
    if let Some(c) = &f.context {
        props.insert("context".into(), json!(c));
    }
    r["properties"] = Value::Object(props);
    r
}

/// A finding's fix as a SARIF `fix`: one `artifactChange` per file, each edit a
/// `replacement` (`deletedRegion` empty for an insertion).
fn sarif_fix(out: &Report, fix: &crate::finding::Fix) -> Value {
    let mut changes: Vec<Value> = Vec::new();
    let mut current: Option<(crate::source::FileId, Vec<Value>)> = None;
    for e in &fix.edits {
        let (s, t) = range(out, e.span);
        let rep = json!({
            "deletedRegion": {
                "startLine": s.line,
                "startColumn": s.column,
                "endLine": t.line,
                "endColumn": t.column,
            },
            "insertedContent": {"text": e.replacement},
        });
        match &mut current {
            Some((file, reps)) if *file == e.span.file => reps.push(rep),
            _ => {
                if let Some((file, reps)) = current.take() {
                    changes.push(json!({"artifactLocation": artifact(&out.file(file).path), "replacements": reps}));
                }
                current = Some((e.span.file, vec![rep]));
            }
        }
    }
    if let Some((file, reps)) = current {
        changes.push(json!({"artifactLocation": artifact(&out.file(file).path), "replacements": reps}));
    }
    let text = match &fix.note {
        Some(n) => format!("{} ({n})", fix.description),
        None => fix.description.clone(),
    };
    json!({"description": {"text": text}, "artifactChanges": changes})
}

/// The root the relative URIs resolve against, as a `file://` URI ending in `/`.
fn srcroot() -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let mut p = cwd.to_string_lossy().replace('\\', "/");
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    if !p.ends_with('/') {
        p.push('/');
    }
    Some(format!("file://{}", encode(&p)))
}

/// A tool execution notification for a parse error (`error`) or a note (`note`).
fn notification(out: &Report, d: &Diagnostic, level: &str) -> Value {
    let mut n = json!({"level": level, "message": {"text": d.message}});
    let span = Span::new(d.file, d.offset.unwrap_or(0) as usize, d.offset.unwrap_or(0) as usize);
    let path = &out.file(d.file).path;
    // Never point at a path that does not exist (a missing command-line path).
    if std::path::Path::new(path).exists() {
        n["locations"] = json!([location(out, span, None)]);
    }
    n
}

/// Warnings when GitHub would drop or hide results.
pub fn limit_notifications(results: usize) -> Vec<Value> {
    let mut v = Vec::new();
    if results > GITHUB_MAX_RESULTS {
        v.push(json!({"level": "warning", "message": {"text": format!(
            "{results} results: GitHub code scanning accepts at most {GITHUB_MAX_RESULTS} results per run and rejects or truncates the rest; narrow the scan (--rule, --exclude, --fail-on) or split it into several categories"
        )}}));
    }
    if results > GITHUB_SHOWN_RESULTS {
        v.push(json!({"level": "warning", "message": {"text": format!(
            "{results} results: GitHub code scanning shows at most {GITHUB_SHOWN_RESULTS} results per run (the most severe first)"
        )}}));
    }
    v
}

pub fn render(out: &impl AsReport) -> String {
    out.with_report(render_report)
}

fn render_report(out: &Report) -> String {
    render_with(out, &Options::default())
}

pub fn render_with(out: &impl AsReport, opts: &Options) -> String {
    out.with_report(|out| render_with_report(out, opts))
}

fn render_with_report(out: &Report, opts: &Options) -> String {
    let mut rules: Vec<Value> = crate::rules::active().map(|r| rule(r.policy())).collect();
    // Guard rules of the loaded policies (issue 15): their text is their help.
    rules.extend(out.guard_rules.iter().map(|g| {
        json!({
            "id": g.id,
            "name": g.name,
            "shortDescription": {"text": format!("Guard rule {} ({})", g.name, g.file)},
            "help": {"text": g.text, "markdown": format!("```\n{}\n```", g.text)},
            "defaultConfiguration": {"level": level(g.severity)},
            "properties": {"tags": ["guard"], "policyFile": g.file},
        })
    }));
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut occurrence = |f: &Finding| {
        let n = seen.entry(fingerprint(out, f)).or_default();
        *n += 1;
        *n
    };
    let mut results: Vec<Value> = out.findings.iter().map(|f| result(out, f, occurrence(f))).collect();
    // GitHub does not honour SARIF suppressions (it opens alerts for them): only on request.
    if opts.include_suppressed {
        for s in out.suppressed {
            let mut r = result(out, &s.finding, occurrence(&s.finding));
            r["suppressions"] = json!([{
                "kind": "inSource",
                "justification": s.reason,
                "properties": {"blindspotKind": s.kind},
            }]);
            results.push(r);
        }
        for f in out.baselined_findings {
            let mut r = result(out, f, occurrence(f));
            r["suppressions"] = json!([{
                "kind": "external",
                "justification": "recorded in the baseline",
                "properties": {"blindspotKind": "baseline"},
            }]);
            results.push(r);
        }
    }
    let mut notifications: Vec<Value> = out.errors.iter().map(|d| notification(out, d, "error")).collect();
    notifications.extend(out.notes.iter().map(|d| notification(out, d, "note")));
    notifications.extend(limit_notifications(results.len()));
    let mut run = json!({
        "tool": {"driver": {
            "name": "blindspot",
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": REPOSITORY,
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{
            "executionSuccessful": out.errors.is_empty(),
            "toolExecutionNotifications": notifications,
        }],
    });
    if let Some(root) = srcroot() {
        run["originalUriBaseIds"] = json!({SRCROOT: {"uri": root}});
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}
