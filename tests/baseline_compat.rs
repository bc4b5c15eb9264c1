//! Baselines written by an earlier release must keep matching (issue 10 item 5): the
//! files in `testdata/baselines/` were written by main 9fb38d7's binary with
//! `scripts/write-compat-baseline.sh`, and this build's scan of the same inputs must hide
//! every finding (0 new) and find every recorded one again (0 fixed).
//!
//! - `v0-main-9fb38d7.json`: one scan of `testdata/rules`, every rule;
//! - `v0-main-9fb38d7-cases.json`: each fixture case alone with its own rule, `--strict`
//!   (so undecided checks are fingerprinted too), `--account` when its `case.toml` says so.

use std::path::{Path, PathBuf};

use blindspot::baseline;
use blindspot::scan::{Options, scan};

const NAME: &str = "v0-main-9fb38d7";

fn load(file: &Path) -> baseline::Baseline {
    baseline::parse(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// Scans with `opts`, applies `b`, and describes what does not match (new findings,
/// recorded findings gone).
fn mismatches(opts: &Options, b: &baseline::Baseline, base: &Path, what: &str) -> Vec<String> {
    let mut out = scan(opts).unwrap_or_else(|e| panic!("{what}: scan failed: {e}"));
    baseline::apply_at(&mut out, b, base);
    let mut bad: Vec<String> = out
        .findings
        .iter()
        .map(|f| {
            format!(
                "{what}: new {} {}:{} ({}, attribute {:?}) {}",
                f.rule_id,
                out.file(f.span.file).path,
                out.file(f.span.file).position(f.span.start).line,
                f.resource.as_deref().unwrap_or("-"),
                f.attribute,
                f.message
            )
        })
        .collect();
    if out.fixed > 0 {
        bad.push(format!("{what}: {} recorded findings not found again", out.fixed));
    }
    bad
}

#[test]
fn baseline_of_the_whole_fixture_tree_still_matches() {
    let file = PathBuf::from(format!("testdata/baselines/{NAME}.json"));
    let b = load(&file);
    assert!(b.findings.len() > 1000);
    let opts = Options {
        paths: vec![PathBuf::from("testdata/rules")],
        ..Default::default()
    };
    let bad = mismatches(&opts, &b, &baseline::base_of(&file), "testdata/rules");
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn baseline_of_every_fixture_case_still_matches() {
    let file = PathBuf::from(format!("testdata/baselines/{NAME}-cases.json"));
    let b = load(&file);
    let base = baseline::base_of(&file);
    let mut rules_seen = std::collections::BTreeSet::new();
    for e in &b.findings {
        rules_seen.insert(e.rule_id.clone());
    }
    let mut bad = Vec::new();
    for rule in blindspot::rules::active() {
        assert!(rules_seen.contains(rule.id), "{}: no finding in the baseline", rule.id);
        let Ok(entries) = std::fs::read_dir(Path::new("testdata/rules").join(rule.id)) else {
            continue;
        };
        let mut cases: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
        cases.sort();
        for case in cases {
            let toml = std::fs::read_to_string(case.join("case.toml")).unwrap_or_default();
            let account = toml.lines().any(|l| {
                l.split_once('=')
                    .is_some_and(|(k, v)| k.trim() == "account" && v.trim() == "true")
            });
            let opts = Options {
                paths: vec![case.clone()],
                account,
                strict: true,
                only: vec![rule.id.to_string()],
                ..Default::default()
            };
            bad.extend(mismatches(&opts, &b, &base, &case.display().to_string()));
        }
    }
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
}
