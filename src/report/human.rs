//! Human output: code frames rendered by miette, then a summary line.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::policy::Severity;
use crate::scan::ScanOutput;

struct Frame {
    message: String,
    code: String,
    help: Option<String>,
    severity: miette::Severity,
    source: NamedSource<Arc<str>>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl fmt::Display for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Frame {}

impl Diagnostic for Frame {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

fn span(start: u32, end: u32) -> SourceSpan {
    SourceSpan::new((start as usize).into(), (end - start.min(end)) as usize)
}

/// Renders the report. `color` turns ANSI styling on (only for a terminal without NO_COLOR).
pub fn render(out: &ScanOutput, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // miette counts the header's column in bytes; the header is written by us instead, in
    // code points like JSON and SARIF (the source is named `file:line:column`).
    let handler = GraphicalReportHandler::new_themed(theme)
        .without_primary_span_start()
        .with_links(false)
        .with_width(100);
    let mut s = String::new();
    for f in &out.findings {
        let file = out.file(f.span.file);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(label_for(f)),
            span(f.span.start, f.span.end),
        )];
        let mut elsewhere = Vec::new();
        for r in &f.related {
            if r.span.file == f.span.file {
                labels.push(LabeledSpan::new_with_span(
                    Some(r.message.clone()),
                    span(r.span.start, r.span.end),
                ));
            } else {
                let p = out.file(r.span.file).position(r.span.start);
                elsewhere.push(format!(
                    "{}:{}:{}: {}",
                    out.file(r.span.file).path,
                    p.line,
                    p.column,
                    r.message
                ));
            }
        }
        let mut help = f.help.clone();
        if let Some(c) = &f.context {
            help = format!("{c}\n{help}");
        }
        for e in elsewhere {
            help.push_str(&format!("\nrelated: {e}"));
        }
        if !f.instances.is_empty() {
            help.push_str(&format!("\ninstances: {}", f.instances.join(", ")));
        }
        let frame = Frame {
            message: f.message.clone(),
            code: format!("{} {} ({})", f.rule_id, f.rule_name, f.severity.as_str()),
            help: Some(help),
            severity: match f.severity {
                Severity::Critical | Severity::High => miette::Severity::Error,
                Severity::Medium => miette::Severity::Warning,
                Severity::Low => miette::Severity::Advice,
            },
            source: NamedSource::new(header(out, f.span.file, f.span.start), file.text.clone()),
            labels,
        };
        let _ = handler.render_report(&mut s, &frame);
        s.push('\n');
    }
    for d in &out.errors {
        let file = out.file(d.file);
        match d.offset {
            Some(o) if !file.text.is_empty() => {
                let frame = Frame {
                    message: format!("cannot analyse {}: {}", file.path, d.message),
                    code: "error".into(),
                    help: None,
                    severity: miette::Severity::Error,
                    source: NamedSource::new(header(out, d.file, o), file.text.clone()),
                    labels: vec![LabeledSpan::new_primary_with_span(Some("here".into()), span(o, o))],
                };
                let _ = handler.render_report(&mut s, &frame);
                s.push('\n');
            }
            _ => s.push_str(&format!("error: {}: {}\n\n", file.path, d.message)),
        }
    }
    for d in &out.notes {
        let file = out.file(d.file);
        let line = d.offset.map(|o| file.position(o).line).unwrap_or(1);
        s.push_str(&format!("note: {}:{}: {}\n", file.path, line, d.message));
    }
    s.push_str(&summary(out));
    s
}

/// `file:line:column` of an offset, the column in Unicode code points.
fn header(out: &ScanOutput, file: crate::source::FileId, offset: u32) -> String {
    let f = out.file(file);
    let p = f.position(offset);
    format!("{}:{}:{}", f.path, p.line, p.column)
}

fn label_for(f: &crate::finding::Finding) -> String {
    match &f.resource {
        Some(r) => format!("{} {}", f.rule_id, r),
        None => f.rule_id.to_string(),
    }
}

pub fn summary(out: &ScanOutput) -> String {
    let n = out.findings.len();
    let mut parts = Vec::new();
    for s in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low] {
        let c = out.findings.iter().filter(|f| f.severity == s).count();
        if c > 0 {
            parts.push(format!("{c} {}", s.as_str()));
        }
    }
    let mut line = format!(
        "{n} finding{}{} in {} file{} ({} resources)",
        if n == 1 { "" } else { "s" },
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        },
        out.iac_files,
        if out.iac_files == 1 { "" } else { "s" },
        out.resources
    );
    for (count, what) in [
        (out.suppressed.len(), "suppressed"),
        (out.baselined, "in the baseline"),
        (out.fixed, "fixed since the baseline"),
    ] {
        if count > 0 {
            line.push_str(&format!("; {count} {what}"));
        }
    }
    if !out.errors.is_empty() {
        line.push_str(&format!(
            "; {} file{} could not be analysed",
            out.errors.len(),
            if out.errors.len() == 1 { "" } else { "s" }
        ));
    }
    line.push('\n');
    if out.unknown > 0 {
        line.push_str(&format!(
            "{} check{} depend{} on values that cannot be known statically (run with --strict to see them)\n",
            out.unknown,
            if out.unknown == 1 { "" } else { "s" },
            if out.unknown == 1 { "s" } else { "" }
        ));
    }
    line
}
