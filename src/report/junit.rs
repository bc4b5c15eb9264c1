//! JUnit XML for CI test report views (GitLab `artifacts:reports:junit`, Jenkins `junit`):
//! one testsuite per file, one testcase per (rule, resource); findings are failures and
//! files that could not be read or parsed are errors.

use std::collections::BTreeMap;

use crate::finding::Finding;
use crate::report::{AsReport, Report};
use crate::report::{Options, json_pos, range};

/// Escapes text for XML attributes and content (also drops characters XML 1.0 forbids).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes element text (line breaks stay as they are).
fn escape_text(s: &str) -> String {
    escape(s).replace("&#10;", "\n").replace("&#9;", "\t")
}

struct Clean<'a> {
    line: u32,
    name: String,
    suppressed: Option<(&'a str, &'a str)>,
}

struct Case<'a> {
    rule_id: &'a str,
    resource: &'a str,
    findings: Vec<&'a Finding>,
}

pub fn render(out: &impl AsReport) -> String {
    out.with_report(render_report)
}

fn render_report(out: &Report) -> String {
    render_with(out, &Options::default())
}

/// Findings below `--fail-on` are passing test cases (their text in `<system-out>`), not
/// failures; notes go to the suite's `<system-out>` (the run's when they have no file).
pub fn render_with(out: &impl AsReport, opts: &Options) -> String {
    out.with_report(|out| render_with_report(out, opts))
}

fn render_with_report(out: &Report, opts: &Options) -> String {
    // file -> (rule, resource) -> findings; BTreeMaps keep the output deterministic.
    let mut suites: BTreeMap<&str, BTreeMap<(&str, &str), Case>> = BTreeMap::new();
    for f in out.findings {
        let file = out.file(f.span.file).path.as_str();
        let resource = f.resource.as_deref().unwrap_or("");
        suites
            .entry(file)
            .or_default()
            .entry((f.rule_id, resource))
            .or_insert_with(|| Case {
                rule_id: f.rule_id,
                resource,
                findings: Vec::new(),
            })
            .findings
            .push(f);
    }
    // Rule x resource pairs evaluated without an open finding: passing test cases, or
    // skipped ones when a suppression hid the finding.
    let mut hidden: BTreeMap<(&str, &str, &str), (&str, &str)> = BTreeMap::new();
    for s in out.suppressed {
        let f = &s.finding;
        let key = (
            out.file(f.span.file).path.as_str(),
            f.rule_id,
            f.resource.as_deref().unwrap_or(""),
        );
        hidden.entry(key).or_insert((s.kind, s.reason.as_str()));
    }
    let mut clean: BTreeMap<&str, BTreeMap<(&str, &str), Clean>> = BTreeMap::new();
    for c in &out.checked {
        let (rule_id, header) = (&c.rule_id, c.header);
        let file = out.file(header.file).path.as_str();
        let key = (*rule_id, c.address);
        if suites.get(file).is_some_and(|c| c.contains_key(&key)) {
            continue;
        }
        clean.entry(file).or_default().entry(key).or_insert_with(|| Clean {
            line: out.file(header.file).position(header.start).line,
            name: crate::rules::find(rule_id).map_or(String::new(), |x| x.policy().name.clone()),
            suppressed: hidden.get(&(file, *rule_id, c.address)).copied(),
        });
    }
    let mut errors: BTreeMap<&str, Vec<(u32, String)>> = BTreeMap::new();
    for d in out.errors {
        let (line, col) = json_pos(out, d);
        errors
            .entry(out.file(d.file).path.as_str())
            .or_default()
            .push((line, format!("{}:{line}:{col}: {}", out.file(d.file).path, d.message)));
    }
    let mut notes: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for d in out.notes {
        let (line, col) = json_pos(out, d);
        notes.entry(out.file(d.file).path.as_str()).or_default().push(format!(
            "note: {}:{line}:{col}: {}",
            out.file(d.file).path,
            d.message
        ));
    }
    let files: std::collections::BTreeSet<&str> = suites
        .keys()
        .chain(errors.keys())
        .chain(notes.keys())
        .copied()
        .collect();
    let failing = |c: &Case| c.findings.iter().any(|f| opts.fails(f));
    let total_cases: usize =
        suites.values().map(|s| s.len()).sum::<usize>() + clean.values().map(|c| c.len()).sum::<usize>();
    let total_failures: usize = suites.values().flat_map(|s| s.values()).filter(|c| failing(c)).count();
    let total_errors: usize = errors.values().map(|e| e.len()).sum();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x += &format!(
        "<testsuites name=\"blindspot\" tests=\"{}\" failures=\"{total_failures}\" errors=\"{total_errors}\">\n",
        (total_cases + total_errors).max(1)
    );
    if files.is_empty() {
        x += "  <testsuite name=\"blindspot\" tests=\"1\" failures=\"0\" errors=\"0\">\n";
        x += "    <testcase name=\"no findings\" classname=\"blindspot\"/>\n";
        x += "  </testsuite>\n";
    }
    for file in files {
        let cases = suites.get(file);
        let errs = errors.get(file);
        let passed = clean.get(file);
        let nc = cases.map_or(0, |c| c.len()) + passed.map_or(0, |c| c.len());
        let nf = cases.map_or(0, |c| c.values().filter(|c| failing(c)).count());
        let ne = errs.map_or(0, |e| e.len());
        x += &format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{nf}\" errors=\"{ne}\">\n",
            escape(file),
            (nc + ne).max(1)
        );
        if nc + ne == 0 {
            x += &format!(
                "    <testcase name=\"notes\" classname=\"{}\" file=\"{}\"/>\n",
                escape(file),
                escape(file)
            );
        }
        for case in cases.into_iter().flat_map(|c| c.values()) {
            let first = case.findings[0];
            let name = if case.resource.is_empty() {
                format!("{} {}", case.rule_id, first.rule_name)
            } else {
                format!("{} {} {}", case.rule_id, first.rule_name, case.resource)
            };
            let (start, _) = range(out, first.span);
            x += &format!(
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n",
                escape(&name),
                escape(file),
                escape(file),
                start.line
            );
            let mut body = String::new();
            for f in &case.findings {
                let (s, _) = range(out, f.span);
                body += &format!(
                    "{}:{}:{}: [{}] {}\n",
                    file,
                    s.line,
                    s.column,
                    f.severity.as_str(),
                    f.message
                );
            }
            body += &format!("help: {}\n", first.help);
            let message = case
                .findings
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            if failing(case) {
                x += &format!(
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                    escape(&message),
                    escape(first.severity.as_str()),
                    escape_text(&body)
                );
            } else {
                x += &format!(
                    "      <system-out>below --fail-on: {}</system-out>\n",
                    escape_text(&body)
                );
            }
            x += "    </testcase>\n";
        }
        for ((rule_id, resource), c) in passed.into_iter().flatten() {
            let open = format!(
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\"",
                escape(&format!("{rule_id} {} {resource}", c.name)),
                escape(file),
                escape(file),
                c.line
            );
            match c.suppressed {
                Some((kind, reason)) => {
                    x += &format!(
                        "{open}>\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                        escape(&format!("suppressed ({kind}): {reason}"))
                    );
                }
                None => x += &format!("{open}/>\n"),
            }
        }
        for (line, e) in errs.into_iter().flatten() {
            x += &format!(
                "    <testcase name=\"parse {}\" classname=\"{}\" file=\"{}\" line=\"{line}\">\n",
                escape(file),
                escape(file),
                escape(file)
            );
            x += &format!(
                "      <error message=\"{}\" type=\"error\">{}</error>\n",
                escape(e),
                escape_text(e)
            );
            x += "    </testcase>\n";
        }
        if let Some(n) = notes.get(file) {
            x += &format!("    <system-out>{}</system-out>\n", escape_text(&(n.join("\n") + "\n")));
        }
        x += "  </testsuite>\n";
    }
    x += "</testsuites>\n";
    x
}
