//! Each suppression syntax suppresses exactly the rule it maps to, and no other
//! (fixtures in `testdata/suppressions/`, one directory per syntax).

use std::collections::BTreeSet;

use blindspot::scan::{Options, ScanOutput, scan};

const TODAY: &str = "2026-06-01";

fn run(dir: &str, suppressions: bool) -> ScanOutput {
    scan(&Options {
        paths: vec![format!("testdata/suppressions/{dir}").into()],
        no_inline_suppressions: !suppressions,
        today: Some(TODAY.into()),
        ..Default::default()
    })
    .unwrap()
}

type Key = (String, u32, String);

fn keys(out: &ScanOutput, findings: &[&blindspot::finding::Finding]) -> BTreeSet<Key> {
    findings
        .iter()
        .map(|f| {
            (
                f.rule_id.to_string(),
                out.file(f.span.file).position(f.span.start).line,
                f.message.clone(),
            )
        })
        .collect()
}

/// (fixture, rule it must suppress (None: nothing), suppression kind)
const CASES: &[(&str, Option<&str>, &str)] = &[
    ("tf-ours-above-resource", Some("CT-01"), "inline"),
    ("tf-ours-end-of-line", Some("CT-01"), "inline"),
    ("tf-ours-above-attribute", Some("CT-01"), "inline"),
    ("tf-ours-absence-on-header", Some("CT-04"), "inline"),
    ("tf-ours-block-comment", Some("CT-01"), "inline"),
    ("tf-ours-inside-block", Some("CT-01"), "inline"),
    ("tf-checkov", Some("CT-01"), "checkov"),
    ("tf-tfsec", Some("CT-01"), "tfsec"),
    ("tf-tfsec-not-expired", Some("CT-01"), "tfsec"),
    ("tf-tfsec-expired", None, ""),
    ("tf-trivy", Some("CT-01"), "trivy"),
    ("tf-trivy-expired", None, ""),
    ("cfn-yaml-ours", Some("CT-01"), "metadata"),
    ("cfn-json-ours", Some("CT-01"), "metadata"),
    ("cfn-yaml-checkov", Some("CT-01"), "checkov"),
    ("cfn-yaml-cfn-nag-unmapped", None, ""),
];

#[test]
fn each_syntax_suppresses_exactly_its_mapped_rule() {
    let mut failures = Vec::new();
    for (dir, rule, kind) in CASES {
        let with = run(dir, true);
        let without = run(dir, false);
        assert!(
            with.errors.is_empty() && without.errors.is_empty(),
            "{dir}: {:?}",
            with.errors
        );
        let all = keys(&without, &without.findings.iter().collect::<Vec<_>>());
        let kept = keys(&with, &with.findings.iter().collect::<Vec<_>>());
        let hidden = keys(&with, &with.suppressed.iter().map(|s| &s.finding).collect::<Vec<_>>());
        // Nothing else is reported about the suppressions themselves.
        if kept.iter().any(|k| k.0.starts_with("SUP-")) {
            failures.push(format!("{dir}: suppression findings {kept:?}"));
        }
        let expected_hidden: BTreeSet<Key> = all.iter().filter(|k| Some(k.0.as_str()) == *rule).cloned().collect();
        if rule.is_some() && expected_hidden.is_empty() {
            failures.push(format!("{dir}: the fixture has no {rule:?} finding to suppress"));
        }
        let expected_kept: BTreeSet<Key> = all.difference(&expected_hidden).cloned().collect();
        if hidden != expected_hidden || kept != expected_kept {
            failures.push(format!(
                "{dir}: suppressed {hidden:?}, expected {expected_hidden:?}; kept {kept:?}"
            ));
        }
        // Other rules fail on the same resource: the suppression must not reach them.
        if kept.len() < 2 {
            failures.push(format!("{dir}: the fixture should fail more than one rule"));
        }
        for s in &with.suppressed {
            if s.kind != *kind || s.reason.is_empty() && kind.starts_with("inline") {
                failures.push(format!("{dir}: kind {} reason {:?}", s.kind, s.reason));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn suppressed_findings_are_listed_with_kind_and_reason_in_json() {
    let out = run("tf-checkov", true);
    let v: serde_json::Value = serde_json::from_str(&blindspot::report::json::render(&out)).unwrap();
    let s = &v["suppressed"][0];
    assert_eq!(s["rule_id"], "CT-01");
    assert_eq!(s["suppression"]["kind"], "checkov");
    assert_eq!(s["suppression"]["reason"], "sandbox account");
    assert_eq!(v["summary"]["suppressed"], 1);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule_id"] != "CT-01")
    );
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f.get("suppression").is_none())
    );
}

#[test]
fn expiry_uses_the_injected_day() {
    let out = scan(&Options {
        paths: vec!["testdata/suppressions/tf-tfsec-expired".into()],
        today: Some("2026-01-31".into()),
        ..Default::default()
    })
    .unwrap();
    // Still valid on its expiry day.
    assert_eq!(out.suppressed.len(), 1);
}
