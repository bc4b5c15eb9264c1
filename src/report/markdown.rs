//! Markdown for pull-request comments and the GitHub job summary: the summary, findings
//! grouped by severity and file in collapsible sections, and a Mermaid diagram of the
//! scan's log flows (sources → stores → keys → monitors) with the resources that have
//! findings marked. GitHub and GitLab render both natively.

use std::collections::{BTreeMap, BTreeSet};

use crate::policy::Severity;
use crate::report::{AsReport, Report};
use crate::report::{Options, RULE_DOCS_BASE, range, summary};

/// Diagrams with more nodes than this are left out (Mermaid's default limits, and a
/// comment nobody can read).
pub const MAX_DIAGRAM_NODES: usize = 150;

/// Escapes Markdown table/inline text (`|`, backticks, angle brackets, line breaks).
fn md(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace('\n', " ")
}

/// A Mermaid node label (inside `["..."]`).
fn label(s: &str) -> String {
    s.replace('"', "#quot;").replace('<', "#lt;").replace('>', "#gt;")
}

/// The Mermaid flowchart, or `None` when there is nothing to draw or too much.
pub fn diagram(out: &impl AsReport) -> Option<String> {
    out.with_report(diagram_report)
}

fn diagram_report(out: &Report) -> Option<String> {
    let nodes = &out.flows.nodes;
    let edges = &out.flows.edges;
    if nodes.is_empty() || nodes.len() > MAX_DIAGRAM_NODES {
        return None;
    }
    // Rule ids per resource (by address and file) with findings.
    let mut gaps: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for f in out.findings {
        if let Some(addr) = &f.resource
            && let Some(n) = nodes.iter().find(|n| n.address == addr && n.file == f.span.file)
        {
            gaps.entry(n.key).or_default().insert(f.rule_id);
        }
    }
    let mut s = String::from("```mermaid\nflowchart LR\n");
    for n in nodes {
        let i = n.key;
        let mut text = format!("{}<br/>{}", label(n.address), label(n.resource_type));
        if let Some(ids) = gaps.get(&i) {
            text += &format!("<br/>⚠ {}", ids.iter().copied().collect::<Vec<_>>().join(", "));
        }
        s += &format!("  n{i}[\"{text}\"]\n");
    }
    for (a, b, l) in edges {
        s += &format!("  n{a} -->|{l}| n{b}\n");
    }
    if !gaps.is_empty() {
        s += "  classDef gap stroke:#d73a49,stroke-width:3px\n";
        s += &format!(
            "  class {} gap\n",
            gaps.keys().map(|i| format!("n{i}")).collect::<Vec<_>>().join(",")
        );
    }
    s += "```\n";
    Some(s)
}

pub fn render(out: &impl AsReport, opts: &Options) -> String {
    out.with_report(|out| render_report(out, opts))
}

fn render_report(out: &Report, opts: &Options) -> String {
    let mut s = format!(
        "## blindspot\n\n**{}**\n",
        md(summary(out).lines().next().unwrap_or(""))
    );
    for l in summary(out).lines().skip(1) {
        s += &format!("\n{}\n", md(l));
    }
    if opts.fail_on.is_none() {
        s += "\n_Soft fail: findings do not fail this run._\n";
    }
    for sev in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low] {
        let of: Vec<_> = out.findings.iter().filter(|f| f.severity == sev).collect();
        if of.is_empty() {
            continue;
        }
        s += &format!("\n### {} ({})\n", sev.as_str(), of.len());
        let mut by_file: BTreeMap<&str, Vec<_>> = BTreeMap::new();
        for f in of {
            by_file.entry(&out.file(f.span.file).path).or_default().push(f);
        }
        for (file, fs) in by_file {
            s += &format!(
                "\n<details><summary><code>{}</code> ({})</summary>\n\n| rule | line | resource | finding |\n|---|---|---|---|\n",
                md(file),
                fs.len()
            );
            for f in fs {
                let (p, _) = range(out, f.span);
                s += &format!(
                    "| [{}]({RULE_DOCS_BASE}{}.md) | {}:{} | {} | {}<br/>**Fix:** {} |\n",
                    f.rule_id,
                    f.rule_id,
                    p.line,
                    p.column,
                    f.resource
                        .as_deref()
                        .map(|r| format!("`{}`", md(r)))
                        .unwrap_or_default(),
                    md(&f.message),
                    md(&f.help)
                );
            }
            s += "\n</details>\n";
        }
    }
    if !out.errors.is_empty() || !out.notes.is_empty() {
        s += "\n### Errors and notes\n\n";
        for (kind, d) in out
            .errors
            .iter()
            .map(|d| ("error", d))
            .chain(out.notes.iter().map(|d| ("note", d)))
        {
            let (line, _) = crate::report::json_pos(out, d);
            s += &format!(
                "- **{kind}** `{}:{line}`: {}\n",
                md(&out.file(d.file).path),
                md(&d.message)
            );
        }
    }
    if let Some(d) = diagram(out) {
        s += "\n<details><summary>Log flows (resources with findings are outlined in red)</summary>\n\n";
        s += &d;
        s += "\n</details>\n";
    }
    s
}
