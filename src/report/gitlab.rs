//! GitLab reports: the SAST security report (`artifacts:reports:sast`, conventionally
//! `gl-sast-report.json`, schema version [`SAST_SCHEMA_VERSION`]) and Code Quality
//! (`artifacts:reports:codequality`, `gl-code-quality-report.json`, the Code Climate
//! subset GitLab documents). Both identify a finding by blindspot's line-independent
//! fingerprint, so merge-request widgets keep tracking it across edits; suppressed and
//! baselined findings are left out (GitLab would show them as new).

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::finding::Finding;
use crate::policy::Severity;
use crate::report::{AsReport, Report};
use crate::report::{Options, RULE_DOCS_BASE, fingerprint, range};

/// The GitLab security report schema version the SAST report declares.
pub const SAST_SCHEMA_VERSION: &str = "15.0.7";

/// Numbers each finding's fingerprint occurrence (1, 2, ...), in report order.
fn occurrences(out: &Report) -> Vec<(String, usize)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    out.findings
        .iter()
        .map(|f| {
            let p = fingerprint(out, f);
            let n = seen.entry(p.clone()).or_default();
            *n += 1;
            (p, *n)
        })
        .collect()
}

/// A UUID-shaped id from a fingerprint and its occurrence (stable across runs).
fn uuid(print: &str, occurrence: usize) -> String {
    let mut h = print.to_string();
    if occurrence > 1 {
        use sha2::{Digest, Sha256};
        let d = Sha256::digest(format!("{print}:{occurrence}").as_bytes());
        h = d.iter().take(16).map(|b| format!("{b:02x}")).collect();
    }
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// `YYYY-MM-DDTHH:MM:SS` (UTC), as the schema's `start_time`/`end_time` want it.
pub fn timestamp(unix: u64) -> String {
    let days = (unix / 86_400) as i64;
    let secs = unix % 86_400;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Now, or `SOURCE_DATE_EPOCH` when set (reproducible reports).
pub fn now() -> u64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        })
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
    }
}

fn vulnerability(out: &Report, f: &Finding, print: &str, occurrence: usize) -> Value {
    let (s, e) = range(out, f.span);
    let file = &out.file(f.span.file).path;
    let mut description = f.message.clone();
    if let Some(r) = &f.resource {
        description = format!("{description}\n\nResource: `{r}`");
    }
    for r in &f.related {
        let p = out.file(r.span.file).position(r.span.start);
        description += &format!(
            "\n\nRelated: {}:{}:{}: {}",
            out.file(r.span.file).path,
            p.line,
            p.column,
            r.message
        );
    }
    let name: String = format!("{} {}", f.rule_id, f.rule_name).chars().take(255).collect();
    let mut location = json!({"file": file, "start_line": s.line, "end_line": e.line});
    if let Some(r) = &f.resource {
        location["class"] = json!(r);
    }
    json!({
        "id": uuid(print, occurrence),
        "name": name,
        "description": description,
        "severity": severity(f.severity),
        "solution": f.help,
        "identifiers": [{
            "type": "blindspot_rule_id",
            "name": format!("blindspot {}", f.rule_id),
            "value": f.rule_id,
            "url": format!("{RULE_DOCS_BASE}{}.md", f.rule_id),
        }],
        "location": location,
        "tracking": {
            "type": "source",
            "items": [{
                "file": file,
                "line_start": s.line,
                "line_end": e.line,
                "signatures": [{"algorithm": "hash", "value": format!("{print}:{occurrence}")}],
            }],
        },
    })
}

/// The SAST report. `opts.started` is the scan's start (seconds since the epoch).
pub fn render_sast(out: &impl AsReport, opts: &Options) -> String {
    out.with_report(|out| render_sast_report(out, opts))
}

fn render_sast_report(out: &Report, opts: &Options) -> String {
    let end = now();
    let start = opts.started.unwrap_or(end).min(end);
    let vulns: Vec<Value> = out
        .findings
        .iter()
        .zip(occurrences(out))
        .map(|(f, (p, n))| vulnerability(out, f, &p, n))
        .collect();
    let tool = json!({
        "id": "blindspot",
        "name": "blindspot",
        "url": crate::report::REPOSITORY,
        "vendor": {"name": "blindspot"},
        "version": env!("CARGO_PKG_VERSION"),
    });
    let mut scan = json!({
        "analyzer": tool,
        "scanner": tool,
        "type": "sast",
        "start_time": timestamp(start),
        "end_time": timestamp(end),
        "status": if out.errors.is_empty() { "success" } else { "failure" },
    });
    let messages: Vec<Value> = out
        .errors
        .iter()
        .map(|d| ("warn", d))
        .chain(out.notes.iter().map(|d| ("info", d)))
        .map(|(level, d)| {
            let (line, _) = crate::report::json_pos(out, d);
            json!({"level": level, "value": format!("{}:{line}: {}", out.file(d.file).path, d.message)})
        })
        .collect();
    if !messages.is_empty() {
        scan["messages"] = json!(messages);
    }
    let report = json!({
        "version": SAST_SCHEMA_VERSION,
        "schema": format!(
            "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v{SAST_SCHEMA_VERSION}/dist/sast-report-format.json"
        ),
        "scan": scan,
        "vulnerabilities": vulns,
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

fn codequality_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "blocker",
        Severity::High => "critical",
        Severity::Medium => "major",
        Severity::Low => "minor",
    }
}

/// The Code Quality report: `description`, `check_name`, `fingerprint` (unique per
/// issue), `severity`, `location.path` and `location.lines.begin`.
pub fn render_codequality(out: &impl AsReport) -> String {
    out.with_report(render_codequality_report)
}

fn render_codequality_report(out: &Report) -> String {
    let issues: Vec<Value> = out
        .findings
        .iter()
        .zip(occurrences(out))
        .map(|(f, (p, n))| {
            let (s, e) = range(out, f.span);
            json!({
                "type": "issue",
                "check_name": f.rule_id,
                "description": format!("{} {}: {}", f.rule_id, f.rule_name, f.message),
                "content": {"body": f.help},
                "categories": ["Security"],
                "fingerprint": if n == 1 { p } else { format!("{p}:{n}") },
                "severity": codequality_severity(f.severity),
                "location": {"path": out.file(f.span.file).path, "lines": {"begin": s.line, "end": e.line}},
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_match_the_schema_pattern() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00");
        assert_eq!(timestamp(1_796_601_599), "2026-12-06T23:59:59");
        assert_eq!(
            uuid("0123456789abcdef0123456789abcdef", 1),
            "01234567-89ab-cdef-0123-456789abcdef"
        );
        assert_ne!(
            uuid("0123456789abcdef0123456789abcdef", 2),
            uuid("0123456789abcdef0123456789abcdef", 1)
        );
    }
}
