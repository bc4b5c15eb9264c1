//! One line per finding, `file:line:col: severity ID message`, the form editors'
//! quickfix lists (Vim `errorformat` `%f:%l:%c: %m`, Emacs compilation mode) and CI
//! problem matchers read; then notes, errors and the summary line.

use crate::report::{AsReport, Report};
use crate::report::{json_pos, range, summary};

/// Keeps a message on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn render(out: &impl AsReport) -> String {
    out.with_report(render_report)
}

fn render_report(out: &Report) -> String {
    let mut s = String::new();
    for f in out.findings {
        let (start, _) = range(out, f.span);
        s += &format!(
            "{}:{}:{}: {} {} {}\n",
            out.file(f.span.file).path,
            start.line,
            start.column,
            f.severity.as_str(),
            f.rule_id,
            one_line(&f.message)
        );
    }
    for d in out.errors {
        let (line, col) = json_pos(out, d);
        s += &format!(
            "{}:{line}:{col}: error {}\n",
            out.file(d.file).path,
            one_line(&d.message)
        );
    }
    for d in out.notes {
        let (line, col) = json_pos(out, d);
        s += &format!(
            "{}:{line}:{col}: note {}\n",
            out.file(d.file).path,
            one_line(&d.message)
        );
    }
    s += &summary(out);
    s
}
