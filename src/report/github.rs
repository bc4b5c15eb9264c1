//! GitHub Actions workflow commands: one annotation per finding
//! (`::error file=F,line=L,endLine=..,col=C,endColumn=..,title=ID name::message`).

use crate::finding::Finding;
use crate::frontend::Diagnostic;
use crate::policy::Severity;
use crate::report::{AsReport, Report};
use crate::report::{Options, json_pos, range};

/// Escapes a command's message (`%`, `\r`, `\n`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property value (also `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub shows at most this many `error` and this many `warning` annotations per step
/// (and as many notices); the rest stay in the log only.
pub const SHOWN_PER_STEP: usize = 10;

/// The command for a finding: high/critical = error, medium = warning, low = notice;
/// a finding below `--fail-on` is never an `error`.
fn command(f: &Finding, opts: &Options) -> &'static str {
    match f.severity {
        Severity::Critical | Severity::High if opts.fails(f) => "error",
        Severity::Critical | Severity::High | Severity::Medium => "warning",
        Severity::Low => "notice",
    }
}

fn location(out: &Report, d: &Diagnostic) -> String {
    let (line, col) = json_pos(out, d);
    format!("file={},line={line},col={col}", escape_property(&out.file(d.file).path))
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
    let mut text = String::new();
    let (mut errors, mut warnings) = (0, 0);
    for f in out.findings {
        let (s, e) = range(out, f.span);
        let mut props = format!(
            "file={},line={},endLine={}",
            escape_property(&out.file(f.span.file).path),
            s.line,
            e.line
        );
        // Columns only make sense on one line (GitHub ignores them otherwise).
        if s.line == e.line {
            props += &format!(",col={},endColumn={}", s.column, e.column);
        }
        props += &format!(",title={}", escape_property(&format!("{} {}", f.rule_id, f.rule_name)));
        let mut message = f.message.clone();
        if !f.help.is_empty() {
            message = format!("{message}\n{}", f.help);
        }
        let cmd = command(f, opts);
        match cmd {
            "error" => errors += 1,
            "warning" => warnings += 1,
            _ => {}
        }
        text += &format!("::{cmd} {props}::{}\n", escape_data(&message));
    }
    for d in out.errors {
        errors += 1;
        text += &format!(
            "::error {},title=blindspot parse error::{}\n",
            location(out, d),
            escape_data(&d.message)
        );
    }
    for d in out.notes {
        text += &format!(
            "::notice {},title=blindspot note::{}\n",
            location(out, d),
            escape_data(&d.message)
        );
    }
    if errors > SHOWN_PER_STEP || warnings > SHOWN_PER_STEP {
        text += &format!(
            "::notice title=blindspot::{}\n",
            escape_data(&format!(
                "{errors} error and {warnings} warning annotations were written; GitHub shows only {SHOWN_PER_STEP} of each per step. The full list is in this log (and in the job summary)."
            ))
        );
    }
    text += &format!(
        "::notice title=blindspot summary::{}\n",
        escape_data(crate::report::summary(out).trim_end())
    );
    text
}
