//! Walks `testdata/rules/<RULE>/<case>/`, scans each case with only that rule, and
//! compares the exact multiset of (rule, file, line) with the expectations written in
//! the fixture files (`# expect: CT-01` comments; `<file>.json.expect` sidecars for JSON).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use blindspot::rules::RULES;
use blindspot::scan::scan;

mod common;

type Expect = BTreeMap<(String, String, u32), usize>;

/// Expectations of one fixture file; `None` when the file declares none at all.
fn expectations(path: &Path, shown: &str) -> Option<Expect> {
    let mut out = Expect::new();
    let mut declared = false;
    let mut add = |rule: &str, line: u32| {
        *out.entry((rule.to_string(), shown.to_string(), line)).or_default() += 1;
    };
    if path.extension().is_some_and(|e| e == "json") {
        let sidecar = PathBuf::from(format!("{}.expect", path.display()));
        let text = std::fs::read_to_string(&sidecar).ok()?;
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            declared = true;
            if l == "none" {
                continue;
            }
            let (rule, line) = l
                .split_once(' ')
                .unwrap_or_else(|| panic!("{}: bad line {l:?}", sidecar.display()));
            add(
                rule,
                line.trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("{}: bad line number in {l:?}", sidecar.display())),
            );
        }
        return declared.then_some(out);
    }
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let marker = |l: &str| -> Option<(bool, String)> {
        let i = l.find("expect:")?;
        let before = l[..i].trim_end();
        let comment_start = before.rfind('#').or_else(|| before.rfind("//"))?;
        let standalone = l[..comment_start].trim().is_empty();
        Some((standalone, l[i + 7..].trim().to_string()))
    };
    for (i, l) in lines.iter().enumerate() {
        let Some((standalone, ids)) = marker(l) else { continue };
        declared = true;
        let mut target = i;
        if standalone {
            target = i + 1;
            while target < lines.len() && marker(lines[target]).is_some_and(|(s, _)| s) {
                target += 1;
            }
        }
        for id in ids.split(',').map(str::trim).filter(|s| !s.is_empty() && *s != "none") {
            add(id, target as u32 + 1);
        }
    }
    declared.then_some(out)
}

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_below(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn run_case(rule: &str, case: &Path) -> Result<(), String> {
    let opts = common::case_options(case, rule);
    let out = scan(&opts).map_err(|e| format!("scan failed: {e}"))?;
    if !out.errors.is_empty() {
        return Err(format!("errors: {:?}", out.errors));
    }
    let mut expected = Expect::new();
    for file in files_below(case) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".expect") || name == "case.toml" {
            continue;
        }
        let shown = blindspot::discover::display_path(&file);
        match expectations(&file, &shown) {
            Some(e) => expected.extend(e),
            None => return Err(format!("{shown} declares no expectations (add `expect: none`)")),
        }
    }
    let mut actual = Expect::new();
    for f in &out.findings {
        let file = out.file(f.span.file);
        let line = file.position(f.span.start).line;
        *actual
            .entry((f.rule_id.to_string(), file.path.clone(), line))
            .or_default() += 1;
    }
    if expected != actual {
        let msgs: Vec<String> = out
            .findings
            .iter()
            .map(|f| {
                format!(
                    "  {} {}:{} {}",
                    f.rule_id,
                    out.file(f.span.file).path,
                    out.file(f.span.file).position(f.span.start).line,
                    f.message
                )
            })
            .collect();
        return Err(format!(
            "expected {expected:?}\n   found {actual:?}\n{}",
            msgs.join("\n")
        ));
    }
    Ok(())
}

#[test]
fn rule_fixtures_match_their_expectations() {
    let root = Path::new("testdata/rules");
    let mut failures = Vec::new();
    let mut cases = 0;
    for rule in blindspot::rules::active() {
        let dir = root.join(rule.id);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            failures.push(format!("{}: no fixtures in {}", rule.id, dir.display()));
            continue;
        };
        let mut names: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
        names.sort();
        for case in names {
            cases += 1;
            if let Err(e) = run_case(rule.id, &case) {
                failures.push(format!("{}: {e}", case.display()));
            }
        }
    }
    assert!(cases > 0);
    assert!(
        failures.is_empty(),
        "{} of {cases} fixture cases failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_rule_has_failing_and_passing_fixtures_in_both_languages() {
    for rule in RULES.iter().filter(|r| r.retired()) {
        assert!(
            !Path::new("testdata/rules").join(rule.id).exists(),
            "{} is retired: it never runs, so its fixtures cannot pass",
            rule.id
        );
    }
    for rule in blindspot::rules::active() {
        for case in [
            "tf-fail",
            "tf-pass",
            "cfn-yaml-fail",
            "cfn-yaml-pass",
            "cfn-json-fail",
            "cfn-json-pass",
        ] {
            let dir = Path::new("testdata/rules").join(rule.id).join(case);
            assert!(dir.is_dir(), "{} lacks the fixture case {case}", rule.id);
            let mut expected = Expect::new();
            for f in files_below(&dir) {
                if let Some(e) = expectations(&f, "x") {
                    expected.extend(e);
                }
            }
            let hits: usize = expected
                .iter()
                .filter(|((r, _, _), _)| r == rule.id)
                .map(|(_, n)| n)
                .sum();
            // A rule that cannot fire in one language says so in the case's case.toml
            // (`not-applicable = "why"`); the case then documents the clean outcome.
            let not_applicable =
                std::fs::read_to_string(dir.join("case.toml")).is_ok_and(|t| t.contains("not-applicable"));
            if case.ends_with("fail") && !not_applicable {
                assert!(hits > 0, "{}/{case} expects no {} finding", rule.id, rule.id);
            } else {
                assert_eq!(hits, 0, "{}/{case} is a pass case but expects findings", rule.id);
            }
        }
    }
}
