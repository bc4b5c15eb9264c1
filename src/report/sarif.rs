//! SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. Validated against the
//! OASIS schema by `tests/formats.rs`.

use serde_json::{Value, json};

use crate::finding::Finding;
use crate::policy::{Policy, Severity};
use crate::report::{fingerprint, range};
use crate::rules::RULES;
use crate::scan::ScanOutput;
use crate::source::Span;

/// Where the rule pages (`docs/rules/<ID>.md`) are published; `helpUri` points there.
/// Built from Cargo.toml's `repository`, the project's one canonical URL.
pub const RULE_DOCS_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules/");

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
    tags.extend(p.references.iter().cloned());
    json!({
        "id": p.id,
        "name": p.name,
        "shortDescription": {"text": p.title},
        "fullDescription": {"text": p.rationale.split_whitespace().collect::<Vec<_>>().join(" ")},
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

fn location(out: &ScanOutput, span: Span, message: Option<&str>) -> Value {
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

fn result(out: &ScanOutput, f: &Finding) -> Value {
    let index = RULES.iter().position(|r| r.id == f.rule_id).unwrap_or(0);
    let mut text = f.message.clone();
    if !f.help.is_empty() {
        text = format!("{text}. {}", f.help);
    }
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
    let mut r = json!({
        "ruleId": f.rule_id,
        "ruleIndex": index,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [loc],
        "partialFingerprints": {"blindspotFingerprint/v1": fingerprint(out, f)},
    });
    if !related.is_empty() {
        r["relatedLocations"] = json!(related);
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

pub fn render(out: &ScanOutput) -> String {
    let rules: Vec<Value> = RULES.iter().map(|r| rule(r.policy())).collect();
    let mut results: Vec<Value> = out.findings.iter().map(|f| result(out, f)).collect();
    for s in &out.suppressed {
        let mut r = result(out, &s.finding);
        r["suppressions"] = json!([{
            "kind": "inSource",
            "justification": s.reason,
            "properties": {"blindspotKind": s.kind},
        }]);
        results.push(r);
    }
    let mut run = json!({
        "tool": {"driver": {
            "name": "blindspot",
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": RULE_DOCS_BASE.trim_end_matches("docs/rules/").trim_end_matches("/blob/main/"),
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{
            "executionSuccessful": out.errors.is_empty(),
            "toolExecutionNotifications": out.errors.iter().map(|d| {
                let mut n = json!({"level": "error", "message": {"text": d.message}});
                let span = Span::new(d.file, d.offset.unwrap_or(0) as usize, d.offset.unwrap_or(0) as usize);
                let path = &out.file(d.file).path;
                // Never point at a path that does not exist (a missing command-line path).
                if std::path::Path::new(path).exists() {
                    n["locations"] = json!([location(out, span, None)]);
                }
                n
            }).collect::<Vec<_>>(),
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
