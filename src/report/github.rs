//! GitHub Actions workflow commands: one annotation per finding
//! (`::error file=F,line=L,endLine=..,col=C,endColumn=..,title=ID name::message`).

use crate::policy::Severity;
use crate::report::{json_pos, range};
use crate::scan::ScanOutput;

/// Escapes a command's message (`%`, `\r`, `\n`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property value (also `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "notice",
    }
}

pub fn render(out: &ScanOutput) -> String {
    let mut text = String::new();
    for f in &out.findings {
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
        text += &format!("::{} {props}::{}\n", command(f.severity), escape_data(&message));
    }
    for d in &out.errors {
        let (line, col) = json_pos(out, d);
        text += &format!(
            "::error file={},line={line},col={col},title=blindspot parse error::{}\n",
            escape_property(&out.file(d.file).path),
            escape_data(&d.message)
        );
    }
    text
}
