//! The reports read by their real consumers, installed by `scripts/ci-consumers.sh`
//! (called from `.ci/run`): the Microsoft SARIF multitool with GitHub's ingestion rules,
//! and junitparser. Without the tool a test prints why and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

fn tools() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools")
}

fn blindspot(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

const SCANNED: &[&str] = &[
    "testdata/demo",
    "testdata/suppressions/tf-checkov",
    "testdata/rules/CT-01/tf-fail-var-default",
    "testdata/no-such-dir",
];

#[test]
fn sarif_passes_the_multitool_with_github_rules() {
    let tool = tools().join("npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if !tool.is_file() {
        eprintln!("skipped: SARIF multitool not installed (run scripts/ci-consumers.sh)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, extra) in [
        ("plain.sarif", None),
        ("suppressed.sarif", Some("--include-suppressed")),
    ] {
        let report = dir.path().join(name);
        let target = format!("sarif={}", report.display());
        let mut args = vec!["scan", "--output", &target, "--no-progress"];
        args.extend(SCANNED);
        args.extend(extra);
        let (code, stderr) = blindspot(&args);
        assert_eq!(code, 2, "the missing path is an error: {stderr}");
        let log = dir.path().join(format!("{name}.validation.sarif"));
        let out = Command::new(&tool)
            .args([
                "validate",
                "--rule-kind",
                "Gh;Sarif",
                "--level",
                "Error;Warning;Note",
                "-o",
            ])
            .arg(&log)
            .arg(&report)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
        let results = v["runs"][0]["results"].as_array().unwrap();
        // Notes are advice (snippets, message ids, an unreachable $schema offline); errors
        // and warnings are what GitHub's ingestion rejects or flags.
        let bad: Vec<String> = results
            .iter()
            .filter(|r| r["level"] != "note")
            .map(|r| format!("{} {} {}", r["ruleId"], r["level"], r["message"]["arguments"]))
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:#?}");
    }
}

#[test]
fn junit_reads_in_junitparser() {
    let py = tools().join("py");
    let have = Command::new("python3")
        .env("PYTHONPATH", &py)
        .args(["-c", "import junitparser"])
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        eprintln!("skipped: junitparser not installed (run scripts/ci-consumers.sh)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("report.xml");
    let json = dir.path().join("report.json");
    let (code, _) = blindspot(&[
        "scan",
        "testdata/demo",
        "testdata/no-such-dir",
        "--fail-on",
        "high",
        "--output",
        &format!("junit={}", xml.display()),
        "--output",
        &format!("json={}", json.display()),
    ]);
    assert_eq!(code, 2);
    let script = r#"
import sys, json
from junitparser import JUnitXml, Failure, Error
xml = JUnitXml.fromfile(sys.argv[1])
cases = failures = errors = passed = 0
lines = []
for suite in xml:
    for case in suite:
        cases += 1
        kinds = [type(r).__name__ for r in case.result]
        failures += kinds.count("Failure")
        errors += kinds.count("Error")
        passed += not kinds
        lines.append(case._elem.get("line"))
print(json.dumps({"cases": cases, "failures": failures, "errors": errors, "passed": passed,
                  "lines": sum(1 for l in lines if l and int(l) >= 1)}))
"#;
    let out = Command::new("python3")
        .env("PYTHONPATH", &py)
        .args(["-c", script])
        .arg(&xml)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let mut cases: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].to_string(),
                f["rule_id"].to_string(),
                f["resource"].to_string(),
            )
        })
        .collect();
    cases.sort();
    cases.dedup();
    let mut failing: Vec<_> = findings
        .iter()
        .filter(|f| ["critical", "high"].contains(&f["severity"].as_str().unwrap()))
        .map(|f| {
            (
                f["file"].to_string(),
                f["rule_id"].to_string(),
                f["resource"].to_string(),
            )
        })
        .collect();
    failing.sort();
    failing.dedup();
    // Every finding's (rule, resource) is a test case; clean checks are passing ones too.
    assert!(got["cases"].as_u64().unwrap() as usize > cases.len() + 1, "{got}");
    assert_eq!(got["errors"], 1, "the missing path");
    // Below --fail-on high: passing test cases, not failures.
    assert_eq!(got["failures"], failing.len(), "{got}");
    assert!(
        got["passed"].as_u64().unwrap() as usize > cases.len() - failing.len(),
        "{got}"
    );
    assert_eq!(got["lines"], got["cases"], "every test case has a line");
}
