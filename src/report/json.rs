//! The JSON report (contract in interface.md).

use serde::Serialize;

use crate::frontend::Diagnostic;
use crate::policy::Severity;
use crate::report::{AsReport, Report as Plain};
use crate::report::{fingerprint, range};

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<JFinding<'a>>,
    suppressed: Vec<JFinding<'a>>,
    errors: Vec<JError<'a>>,
    notes: Vec<JNote<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JFinding<'a> {
    rule_id: &'a str,
    rule_name: &'a str,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    resource: Option<&'a str>,
    resource_type: Option<&'a str>,
    iac: Option<&'a str>,
    instances: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<&'a str>,
    related: Vec<JRelated<'a>>,
    help: &'a str,
    references: &'a [String],
    /// The CIS AWS Foundations controls of the rule, structured (`references` has them
    /// rendered); absent when the rule implements none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    cis: &'static [crate::policy::CisRef],
    fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JFix<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<JSuppression<'a>>,
}

/// A finding's fix (issue 16): edits with byte and line/column ranges.
#[derive(Serialize)]
struct JFix<'a> {
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    edits: Vec<JEdit<'a>>,
}

#[derive(Serialize)]
struct JEdit<'a> {
    file: &'a str,
    start_byte: u32,
    end_byte: u32,
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    replacement: &'a str,
}

fn fix<'a>(out: &'a Plain<'_>, f: &'a crate::finding::Fix) -> JFix<'a> {
    JFix {
        description: &f.description,
        note: f.note.as_deref(),
        edits: f
            .edits
            .iter()
            .map(|e| {
                let (s, t) = range(out, e.span);
                JEdit {
                    file: &out.file(e.span.file).path,
                    start_byte: e.span.start,
                    end_byte: e.span.end,
                    start_line: s.line,
                    start_column: s.column,
                    end_line: t.line,
                    end_column: t.column,
                    replacement: &e.replacement,
                }
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct JSuppression<'a> {
    kind: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct JRelated<'a> {
    file: &'a str,
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
}

#[derive(Serialize)]
struct JError<'a> {
    file: &'a str,
    start_line: u32,
    start_column: u32,
    message: &'a str,
}

#[derive(Serialize)]
struct JNote<'a> {
    file: &'a str,
    start_line: u32,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    resources: usize,
    findings: usize,
    suppressed: usize,
    baselined: usize,
    fixed: usize,
    errors: usize,
    notes: usize,
    /// Checks left undecided by unknown values (reported with --strict).
    unknown: usize,
    by_severity: BySeverity,
}

#[derive(Serialize)]
struct BySeverity {
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
}

fn diag_pos(out: &Plain, d: &Diagnostic) -> (u32, u32) {
    match d.offset {
        Some(o) => {
            let p = out.file(d.file).position(o);
            (p.line, p.column)
        }
        None => (1, 1),
    }
}

fn finding<'a>(out: &'a Plain<'_>, f: &'a crate::finding::Finding) -> JFinding<'a> {
    let (s, e) = range(out, f.span);
    JFinding {
        rule_id: f.rule_id,
        rule_name: &f.rule_name,
        severity: f.severity.as_str(),
        message: &f.message,
        file: &out.file(f.span.file).path,
        start_line: s.line,
        start_column: s.column,
        end_line: e.line,
        end_column: e.column,
        resource: f.resource.as_deref(),
        resource_type: f.resource_type.as_deref(),
        iac: f.iac,
        instances: &f.instances,
        context: f.context.as_deref(),
        related: f
            .related
            .iter()
            .map(|r| {
                let (s, e) = range(out, r.span);
                JRelated {
                    file: &out.file(r.span.file).path,
                    start_line: s.line,
                    start_column: s.column,
                    end_line: e.line,
                    end_column: e.column,
                    message: &r.message,
                }
            })
            .collect(),
        help: &f.help,
        references: &f.references,
        cis: crate::rules::find(f.rule_id).map_or(&[], |r| r.policy().cis.as_slice()),
        fingerprint: fingerprint(out, f),
        fix: f.fix.as_ref().map(|x| fix(out, x)),
        suppression: None,
    }
}

pub fn render(out: &impl AsReport) -> String {
    out.with_report(render_report)
}

fn render_report(out: &Plain) -> String {
    let findings: Vec<JFinding> = out.findings.iter().map(|f| finding(out, f)).collect();
    let suppressed: Vec<JFinding> = out
        .suppressed
        .iter()
        .map(|s| JFinding {
            suppression: Some(JSuppression {
                kind: s.kind,
                reason: &s.reason,
            }),
            ..finding(out, &s.finding)
        })
        .collect();
    let count = |s: Severity| out.findings.iter().filter(|f| f.severity == s).count();
    let report = Report {
        version: 1,
        tool: Tool {
            name: "blindspot",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            files: out.iac_files,
            resources: out.resources,
            findings: findings.len(),
            suppressed: suppressed.len(),
            baselined: out.baselined,
            fixed: out.fixed,
            errors: out.errors.len(),
            notes: out.notes.len(),
            unknown: out.unknown,
            by_severity: BySeverity {
                critical: count(Severity::Critical),
                high: count(Severity::High),
                medium: count(Severity::Medium),
                low: count(Severity::Low),
            },
        },
        findings,
        suppressed,
        errors: out
            .errors
            .iter()
            .map(|d| {
                let (line, column) = diag_pos(out, d);
                JError {
                    file: &out.file(d.file).path,
                    start_line: line,
                    start_column: column,
                    message: &d.message,
                }
            })
            .collect(),
        notes: out
            .notes
            .iter()
            .map(|d| JNote {
                file: &out.file(d.file).path,
                start_line: diag_pos(out, d).0,
                message: &d.message,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    s
}
