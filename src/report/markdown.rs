//! Markdown for pull-request comments and the GitHub job summary: the summary, findings
//! grouped by severity and file in collapsible sections, and a Mermaid diagram of the
//! scan's log flows (sources → stores → keys → monitors) with the resources that have
//! findings marked. GitHub and GitLab render both natively.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Link, Model, ResourceId, Value};
use crate::policy::Severity;
use crate::report::{Options, RULE_DOCS_BASE, range, summary};
use crate::scan::ScanOutput;

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

fn target<T>(v: &Value<Link<T>>) -> Option<ResourceId> {
    v.get().and_then(|l| l.target)
}

/// The log-flow edges of the model: (from, to, label).
fn edges(m: &Model) -> Vec<(ResourceId, ResourceId, &'static str)> {
    let mut e = Vec::new();
    for t in &m.trails {
        if let Some(b) = target(&t.bucket) {
            e.push((t.id, b, "logs"));
        }
        if let Some(g) = target(&t.cloudwatch_log_group) {
            e.push((t.id, g, "logs"));
        }
        if let Some(k) = target(&t.kms_key) {
            e.push((t.id, k, "encrypted by"));
        }
    }
    for f in &m.flow_logs {
        if let Some(d) = target(&f.destination) {
            e.push((f.id, d, "logs"));
        }
        if let Some(v) = target(&f.target) {
            e.push((v, f.id, "flow log"));
        }
    }
    for b in &m.buckets {
        if let Some(k) = target(&b.sse_kms_key) {
            e.push((b.id, k, "encrypted by"));
        }
    }
    for g in &m.log_groups {
        if let Some(k) = target(&g.kms_key) {
            e.push((g.id, k, "encrypted by"));
        }
    }
    for f in &m.metric_filters {
        if let Some(g) = target(&f.log_group) {
            e.push((g, f.id, "filtered by"));
        }
    }
    for a in &m.alarms {
        if let Some((f, _)) = a.metric_name_ref {
            e.push((f, a.id, "alarm"));
        }
    }
    e.sort_by_key(|(a, b, l)| (a.0, b.0, *l));
    e.dedup();
    e
}

/// The Mermaid flowchart, or `None` when there is nothing to draw or too much.
pub fn diagram(out: &ScanOutput) -> Option<String> {
    let m = &out.model;
    let edges = edges(m);
    let nodes: BTreeSet<usize> = edges.iter().flat_map(|(a, b, _)| [a.0, b.0]).collect();
    if nodes.is_empty() || nodes.len() > MAX_DIAGRAM_NODES {
        return None;
    }
    // Rule ids per resource (by address and file) with findings.
    let mut gaps: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for f in &out.findings {
        if let Some(addr) = &f.resource
            && let Some(i) = nodes.iter().copied().find(|&i| {
                let r = &m.resources[i];
                &r.address == addr && r.header.file == f.span.file
            })
        {
            gaps.entry(i).or_default().insert(f.rule_id);
        }
    }
    let mut s = String::from("```mermaid\nflowchart LR\n");
    for &i in &nodes {
        let r = &m.resources[i];
        let mut text = format!("{}<br/>{}", label(&r.address), label(&r.resource_type));
        if let Some(ids) = gaps.get(&i) {
            text += &format!("<br/>⚠ {}", ids.iter().copied().collect::<Vec<_>>().join(", "));
        }
        s += &format!("  n{i}[\"{text}\"]\n");
    }
    for (a, b, l) in &edges {
        s += &format!("  n{} -->|{l}| n{}\n", a.0, b.0);
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

pub fn render(out: &ScanOutput, opts: &Options) -> String {
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
