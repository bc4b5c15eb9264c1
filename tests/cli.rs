//! The binary end to end: exit codes, bad input next to good input, determinism, EPIPE.

use std::path::Path;
use std::process::{Command, Stdio};

fn blindspot(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["scan"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let (code, stdout, stderr) = blindspot(&all);
    let v = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\n{stderr}"));
    (code, v)
}

fn write(dir: &Path, name: &str, text: &[u8]) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const BAD_TRAIL: &str = "resource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  s3_bucket_name = \"b\"\n  is_multi_region_trail = false\n}\n";

#[test]
fn malformed_file_next_to_valid_one_exits_2_and_keeps_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good/main.tf", BAD_TRAIL.as_bytes());
    write(
        dir.path(),
        "bad/main.tf",
        b"resource \"aws_cloudtrail\" \"x\" {\n  name = \n}\n",
    );
    write(
        dir.path(),
        "cfn/broken.yaml",
        b"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: [unclosed\n",
    );
    write(
        dir.path(),
        "cfn/binary.json",
        b"{\"AWSTemplateFormatVersion\": \"\x00\xff\xfe\"}",
    );
    write(
        dir.path(),
        "other/package.json",
        b"{\"name\": \"x\", // not strict json\n}",
    );
    let (code, v) = json(&[dir.path().to_str().unwrap(), "--rule", "CT-01"]);
    assert_eq!(code, 2, "{v:#}");
    let errors = v["errors"].as_array().unwrap();
    let files: Vec<&str> = errors.iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(files.iter().any(|f| f.ends_with("bad/main.tf")));
    assert!(files.iter().any(|f| f.ends_with("cfn/broken.yaml")));
    assert!(files.iter().any(|f| f.ends_with("cfn/binary.json")));
    let bad_tf = errors
        .iter()
        .find(|e| e["file"].as_str().unwrap().ends_with("bad/main.tf"))
        .unwrap();
    assert_eq!(bad_tf["start_line"], 2, "{bad_tf:#}");
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule_id"], "CT-01");
    assert_eq!(findings[0]["start_line"], 4);
    assert_eq!(v["summary"]["errors"], 3);
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", BAD_TRAIL.as_bytes());
    let p = dir.path().to_str().unwrap();
    assert_eq!(blindspot(&["scan", p, "--rule", "CT-01"]).0, 1);
    assert_eq!(blindspot(&["scan", p, "--rule", "CT-01", "--fail-on", "critical"]).0, 0);
    assert_eq!(blindspot(&["scan", p, "--rule", "CT-02", "--fail-on", "high"]).0, 0);
    assert_eq!(blindspot(&["scan", p, "--rule", "NOPE-1"]).0, 2);
    assert_eq!(blindspot(&["scan", p, "--fail-on", "severe"]).0, 2);
    assert_eq!(blindspot(&["explain", "nope"]).0, 2);
    let clean = tempfile::tempdir().unwrap();
    assert_eq!(blindspot(&["scan", clean.path().to_str().unwrap()]).0, 0);
}

/// Every format, byte for byte, whatever the thread count.
const FORMATS: &[&str] = &[
    "human",
    "compact",
    "json",
    "sarif",
    "junit",
    "github",
    "gitlab-sast",
    "gitlab-codequality",
    "markdown",
];

fn blindspot_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_blindspot"));
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<Vec<String>> = ["1", "2", "7"]
        .iter()
        .map(|t| {
            let run = dir.path().join(t);
            std::fs::create_dir_all(&run).unwrap();
            let outputs: Vec<String> = FORMATS
                .iter()
                .map(|f| format!("{f}={}", run.join(f).display()))
                .collect();
            let mut args = vec!["scan", "testdata", "--format", "json", "--threads", t];
            for o in &outputs {
                args.extend(["--output", o.as_str()]);
            }
            let (code, out, _) = blindspot_env(&args, &[("SOURCE_DATE_EPOCH", "1796601599")]);
            assert!(code == 1 || code == 0, "exit {code}");
            let mut all = vec![out];
            all.extend(FORMATS.iter().map(|f| std::fs::read_to_string(run.join(f)).unwrap()));
            all
        })
        .collect();
    assert!(!runs[0][0].is_empty());
    for (i, name) in std::iter::once(&"stdout").chain(FORMATS).enumerate() {
        assert!(!runs[0][i].is_empty(), "{name}");
        assert_eq!(runs[0][i], runs[1][i], "{name}");
        assert_eq!(runs[0][i], runs[2][i], "{name}");
    }
}

#[test]
fn hostile_inputs_give_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let deep_json = format!("{{\"AWSTemplateFormatVersion\": {}}}", "[".repeat(200_000));
    write(dir.path(), "deep.json", deep_json.as_bytes());
    let deep_yaml = format!("AWSTemplateFormatVersion: x\nResources: {}", "[".repeat(200_000));
    write(dir.path(), "deep.yaml", deep_yaml.as_bytes());
    let laughs = "AWSTemplateFormatVersion: x\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
    write(dir.path(), "laughs.yaml", laughs.as_bytes());
    let deep_tf = format!("locals {{\n  x = {}\n}}\n", "[".repeat(100_000));
    write(dir.path(), "deep.tf", deep_tf.as_bytes());
    write(dir.path(), "latin1.tf", b"resource \"aws_s3_bucket\" \"caf\xe9\" {}\n");
    write(dir.path(), "ok/main.tf", BAD_TRAIL.as_bytes());
    let (code, v) = json(&[dir.path().to_str().unwrap(), "--rule", "CT-01"]);
    assert_eq!(code, 2);
    let errors = v["errors"].as_array().unwrap();
    for name in ["deep.json", "deep.yaml", "laughs.yaml", "deep.tf", "latin1.tf"] {
        assert!(
            errors.iter().any(|e| e["file"].as_str().unwrap().ends_with(name)),
            "{name} not reported: {errors:#?}"
        );
    }
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn closed_stdout_is_not_a_crash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(["scan", "testdata"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(matches!(out.status.code(), Some(0..=2)), "{:?}", out.status);
}

#[test]
fn rules_and_explain_read_the_policies() {
    let (code, out, _) = blindspot(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list.as_array().unwrap().len(), blindspot::rules::RULES.len());
    let (code, out, _) = blindspot(&["explain", "ct-01"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# CT-01 "), "{out}");
    assert!(out.contains("```hcl"));
}

/// services.md §5.2: `rules --cis VERSION` lists the controls of one benchmark version and
/// the rules implementing each; the catalogue carries the structured list and the rendering.
#[test]
fn rules_cis_lists_controls_of_one_benchmark_version() {
    let (code, out, _) = blindspot(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ct00 = list.as_array().unwrap().iter().find(|r| r["id"] == "CT-00").unwrap();
    assert_eq!(
        ct00["references"][0],
        "CIS AWS Foundations v1.4.0–v4.0.1 3.1 (Automated)"
    );
    assert_eq!(
        ct00["cis"][2],
        serde_json::json!({"versions": ["6.0.0", "7.0.0"], "id": "4.1", "status": "manual"})
    );

    let (code, out, err) = blindspot(&["rules", "--cis", "5.0.0"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("CIS AWS Foundations Benchmark v5.0.0: "), "{out}");
    let line = |id: &str| {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .map(str::to_string)
    };
    assert_eq!(
        line("3.1").as_deref().map(|l| l.split_whitespace().collect::<Vec<_>>()),
        Some(vec!["3.1", "Manual", "CT-00,", "CT-01,", "CT-07"])
    );
    assert!(line("4.16").is_some_and(|l| l.ends_with("DET-02")), "{out}");
    // 3.4 in v5.0.0 is the log-bucket access control (S3-07), manual in that version.
    assert!(
        line("3.4").is_some_and(|l| l.contains("Manual") && l.ends_with("S3-07")),
        "{out}"
    );
    // Numeric control order: 3.9 before 3.10 would matter in v2.0.0.
    let (_, out2, _) = blindspot(&["rules", "--cis", "v2.0.0"]);
    let ids: Vec<&str> = out2
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let pos = |id: &str| ids.iter().position(|i| *i == id).unwrap();
    assert!(pos("3.9") < pos("3.10") && pos("3.10") < pos("3.11"), "{ids:?}");
    // No v7.0.0-only control leaks into an older version.
    assert!(!out2.contains("LB-01"), "{out2}");

    let (code, out, _) = blindspot(&["rules", "--cis", "7.0.0", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "7.0.0");
    let c410 = v["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "4.10")
        .unwrap();
    assert_eq!(c410["status"], "manual");
    assert_eq!(c410["rules"], serde_json::json!(["APIGW-01", "CDN-01", "LB-01"]));

    for args in [&["rules", "--cis", "4.0.0"][..], &["scan", "--cis", "8"][..]] {
        let (code, out, err) = blindspot(args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(
            err.contains("unknown CIS AWS Foundations Benchmark version")
                && err.contains("1.4.0, 1.5.0, 2.0.0, 3.0.0, 4.0.1, 5.0.0, 6.0.0, 7.0.0"),
            "{err}"
        );
    }
}

/// `scan --cis VERSION` keeps only findings of rules implementing a control of that version.
#[test]
fn scan_cis_filters_the_report_to_one_benchmark_version() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", BAD_TRAIL.as_bytes());
    let p = dir.path().to_str().unwrap();
    let ids = |v: &serde_json::Value| -> Vec<String> {
        let mut ids: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule_id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let (_, all) = json(&[p]);
    let all = ids(&all);
    assert!(
        all.contains(&"CT-01".to_string()) && all.contains(&"CT-04".to_string()),
        "{all:?}"
    );
    let (code, v5) = json(&[p, "--cis", "5.0.0"]);
    assert_eq!(code, 1);
    // CT-04 (CloudWatch Logs integration) left the benchmark in v3.0.0.
    let ids5 = ids(&v5);
    assert!(
        ids5.contains(&"CT-01".to_string()) && !ids5.contains(&"CT-04".to_string()),
        "{ids5:?}"
    );
    assert!(ids5.len() < all.len());
    for id in &ids5 {
        let p = blindspot::rules::find(id).unwrap().policy();
        assert!(!p.cis_controls("5.0.0").is_empty(), "{id} implements no v5.0.0 control");
    }
    let f = v5["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "CT-01")
        .unwrap();
    assert_eq!(
        f["cis"][1],
        serde_json::json!({"versions": ["5.0.0"], "id": "3.1", "status": "manual"})
    );
    assert_eq!(f["references"][1], "CIS AWS Foundations v5.0.0 3.1 (Manual)");
    let (_, v14) = json(&[p, "--cis", "1.4.0"]);
    assert!(ids(&v14).contains(&"CT-04".to_string()));
}

#[test]
fn account_rule_runs_only_with_account() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", BAD_TRAIL.as_bytes());
    let p = dir.path().to_str().unwrap();
    let (_, v) = json(&[p, "--rule", "CT-00"]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    let (_, v) = json(&[p, "--rule", "CT-00", "--account"]);
    let f = &v["findings"][0];
    assert_eq!(f["rule_id"], "CT-00");
    assert_eq!(f["start_line"], 1);
    let good = BAD_TRAIL.replace("false", "true");
    write(dir.path(), "main.tf", good.as_bytes());
    let (_, v) = json(&[p, "--rule", "CT-00", "--account"]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
}

/// Pre-commit passes file names: a named `.tf`, `.tf.json` or tfvars file is evaluated with
/// its module exactly as in directory mode, auto-loaded tfvars included (issue 11 item 12).
#[test]
fn file_mode_reaches_the_directory_mode_verdict() {
    let findings = |args: &[&str]| -> Vec<(String, String, u64)> {
        let mut all = vec!["--account"];
        all.extend(args);
        let (_, v) = json(&all);
        let mut out: Vec<(String, String, u64)> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule_id"].as_str().unwrap().to_string(),
                    f["file"].as_str().unwrap().trim_start_matches("./").to_string(),
                    f["start_line"].as_u64().unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    };
    // The demo module: each file alone, and all of them, as the directory.
    let dir = "testdata/demo/terraform";
    let whole = findings(&[dir]);
    assert!(whole.len() > 5, "{whole:?}");
    for file in ["main.tf", "variables.tf", "kms.tf", "frontdoor.tf"] {
        assert_eq!(findings(&[&format!("{dir}/{file}")]), whole, "{file} alone");
    }
    assert_eq!(findings(&[&format!("{dir}/main.tf"), &format!("{dir}/kms.tf")]), whole);
    // A terraform.tfvars that turns multi-region off.
    let tmp = tempfile::tempdir().unwrap();
    let tf = "variable \"multi\" {\n  type    = bool\n  default = true\n}\n\nresource \"aws_cloudtrail\" \"t\" {\n  name                       = \"t\"\n  s3_bucket_name             = \"b\"\n  is_multi_region_trail      = var.multi\n  enable_log_file_validation = true\n}\n";
    write(tmp.path(), "infra/trail/main.tf", tf.as_bytes());
    write(tmp.path(), "infra/trail/terraform.tfvars", b"multi = false\n");
    let p = tmp.path().join("infra/trail");
    let p = p.to_str().unwrap();
    let whole = findings(&[p, "--rule", "CT-01"]);
    assert_eq!(whole.len(), 1, "{whole:?}");
    assert_eq!(findings(&[&format!("{p}/main.tf"), "--rule", "CT-01"]), whole);
    assert_eq!(findings(&[&format!("{p}/terraform.tfvars"), "--rule", "CT-01"]), whole);
    // The same module written as JSON.
    std::fs::remove_file(tmp.path().join("infra/trail/main.tf")).unwrap();
    let tf_json = r#"{"variable": {"multi": {"type": "bool", "default": true}}, "resource": {"aws_cloudtrail": {"t": {"name": "t", "s3_bucket_name": "b", "is_multi_region_trail": "${var.multi}", "enable_log_file_validation": true}}}}"#;
    write(tmp.path(), "infra/trail/main.tf.json", tf_json.as_bytes());
    let whole = findings(&[p, "--rule", "CT-01"]);
    assert_eq!(whole.len(), 1, "{whole:?}");
    assert_eq!(findings(&[&format!("{p}/main.tf.json"), "--rule", "CT-01"]), whole);
}

/// S3-01 is retired (services.md §5.1): it never runs, `rules` says so, and everything that
/// names it gets a note, not an error or an SUP-02; peer ids that map only to it are silent;
/// an old baseline entry for it is not counted as fixed.
#[test]
fn a_retired_rule_never_runs_and_what_names_it_gets_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let tf = "resource \"aws_s3_bucket\" \"logs\" { # blindspot:ignore S3-01 encrypted by the platform team\n  bucket = \"logs\" # checkov:skip=CKV_AWS_19:old\n}\n\n\
              resource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  s3_bucket_name = aws_s3_bucket.logs.id\n  is_multi_region_trail = true\n  enable_log_file_validation = true\n}\n";
    write(dir.path(), "main.tf", tf.as_bytes());
    write(
        dir.path(),
        ".blindspot.yml",
        b"skip: [S3-01]\nseverity:\n  log-bucket-encryption: low\n",
    );
    write(
        dir.path(),
        ".blindspotignore",
        b"- rule: S3-01\n  path: '**'\n  reason: old\n",
    );
    let base = serde_json::json!({"version": 1, "findings": [{"rule_id": "S3-01", "file": "main.tf", "fingerprint": "0123456789abcdef0123456789abcdef"}]});
    write(dir.path(), "base.json", base.to_string().as_bytes());
    let p = dir.path().to_str().unwrap();
    let (code, v) = json(&[
        p,
        "--rule",
        "S3-01,SUP-02",
        "--unused-peer-suppressions",
        "--baseline",
        &format!("{p}/base.json"),
    ]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v:#}");
    assert_eq!(v["summary"]["fixed"], 0, "{v:#}");
    let notes: Vec<&str> = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap())
        .collect();
    let retired = "refers to retired rule S3-01 (log-bucket-encryption): AWS encrypts every new object with SSE-S3 by default since January 2023";
    for what in [
        "blindspot ignore",
        "ignore file entry",
        "--rule",
        "config `skip`",
        "config `severity`",
    ] {
        assert!(
            notes.iter().any(|n| n.starts_with(&format!("{what} {retired}"))),
            "no note for {what}: {notes:#?}"
        );
    }
    assert_eq!(notes.len(), 5, "{notes:#?}");
    // `rules` lists it as retired; SARIF does not list it.
    let (_, out, _) = blindspot(&["rules", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let s301 = list.as_array().unwrap().iter().find(|r| r["id"] == "S3-01").unwrap();
    assert_eq!(s301["retired"], true);
    let (_, out, _) = blindspot(&["explain", "S3-01"]);
    assert!(out.contains("Retired: this rule no longer runs."), "{out}");
}

/// Peer tools' unused suppressions are reported only when asked, by flag or config key.
#[test]
fn unused_peer_suppressions_only_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let tf = "resource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  s3_bucket_name = \"b\"\n  is_multi_region_trail = true\n  enable_log_file_validation = true # checkov:skip=CKV_AWS_36:old\n}\n";
    write(dir.path(), "main.tf", tf.as_bytes());
    let p = dir.path().to_str().unwrap();
    let sup02 = |v: &serde_json::Value| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule_id"] == "SUP-02")
            .count()
    };
    let (_, v) = json(&[p, "--rule", "SUP-02"]);
    assert_eq!(sup02(&v), 0, "{v}");
    let (_, v) = json(&[p, "--rule", "SUP-02", "--unused-peer-suppressions"]);
    assert_eq!(sup02(&v), 1, "{v}");
    write(dir.path(), ".blindspot.yml", b"unused_peer_suppressions: true\n");
    let (_, v) = json(&[p, "--rule", "SUP-02"]);
    assert_eq!(sup02(&v), 1, "{v}");
}

/// Account findings anchor on an IaC file, never on the first YAML file of the walk
/// (`.github/...`, `.pre-commit-config.yaml`), whichever order the walk meets them in.
#[test]
fn account_findings_anchor_on_an_iac_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".github/ISSUE_TEMPLATE/bug_report.yml",
        b"name: Bug\nbody: []\n",
    );
    write(dir.path(), ".pre-commit-config.yaml", b"repos: []\n");
    write(dir.path(), "a-notes.json", b"{\"hello\": 1}\n");
    write(dir.path(), "infra/main.tf", BAD_TRAIL.as_bytes());
    write(
        dir.path(),
        "stacks/z.yaml",
        b"Resources:\n  Q:\n    Type: AWS::SQS::Queue\n",
    );
    let p = dir.path().to_str().unwrap();
    let (_, v) = json(&[p, "--rule", "CT-00", "--rule", "CFG-00", "--account"]);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{v}");
    assert!(files.iter().all(|f| f.ends_with("infra/main.tf")), "{files:?}");
    // With no IaC file at all there is nothing to judge the account by.
    let empty = tempfile::tempdir().unwrap();
    write(empty.path(), ".pre-commit-config.yaml", b"repos: []\n");
    let (_, v) = json(&[empty.path().to_str().unwrap(), "--rule", "CFG-00", "--account"]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
}

#[test]
fn discovery_honours_gitignore_and_skips_tool_folders_but_not_explicit_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", b"ignored/\n");
    for sub in [
        "ignored",
        ".terraform/modules/x",
        "node_modules/pkg",
        "cdk.out/asset.123",
        "kept",
    ] {
        write(dir.path(), &format!("{sub}/main.tf"), BAD_TRAIL.as_bytes());
    }
    let p = dir.path().to_str().unwrap();
    let (_, v) = json(&[p, "--rule", "CT-01"]);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("kept/main.tf"));
    let explicit = dir.path().join("ignored/main.tf");
    let (_, v) = json(&[explicit.to_str().unwrap(), "--rule", "CT-01"]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn output_file_and_missing_path() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", BAD_TRAIL.as_bytes());
    let report = dir.path().join("out/report.json");
    std::fs::create_dir_all(report.parent().unwrap()).unwrap();
    let (code, stdout, _) = blindspot(&[
        "scan",
        dir.path().to_str().unwrap(),
        "-f",
        "json",
        "-o",
        report.to_str().unwrap(),
        "--rule",
        "CT-01",
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["summary"]["findings"], 1);
    let (code, v) = json(&[dir.path().join("does-not-exist").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(v["errors"].as_array().unwrap().len(), 1);
}

#[test]
fn strict_reports_what_unknown_values_hide() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        b"variable \"multi\" {}\nvariable \"on\" {}\nresource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  s3_bucket_name = \"b\"\n  is_multi_region_trail = var.multi\n}\nresource \"aws_cloudtrail\" \"maybe\" {\n  count = var.on ? 1 : 0\n  name = \"m\"\n  s3_bucket_name = \"b\"\n}\n",
    );
    let p = dir.path().to_str().unwrap();
    let (code, v) = json(&[p, "--rule", "CT-01"]);
    assert_eq!((code, v["findings"].as_array().unwrap().len()), (0, 0), "{v:#}");
    let (code, v) = json(&[p, "--rule", "CT-01", "--strict"]);
    assert_eq!(code, 1);
    let msgs: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    // An undecided check says what it could not decide; it does not assert the failure.
    assert!(
        msgs.contains(
            &"could not decide \"CloudTrail trail records only its home region\" for aws_cloudtrail.t (unresolved: var.multi)"
        ),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("exists only if count = var.on")),
        "{msgs:?}"
    );
}

#[test]
fn vpc_flow_logs_are_instance_precise() {
    let (_, v) = json(&[
        "testdata/rules/VPC-01/tf-fail-for-each-one-instance",
        "--rule",
        "VPC-01",
    ]);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{v:#}");
    assert_eq!(findings[0]["instances"], serde_json::json!(["aws_vpc.this[\"b\"]"]));
}

#[test]
fn several_reports_in_one_run_and_a_summary_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", BAD_TRAIL.as_bytes());
    let p = dir.path().to_str().unwrap();
    let sarif = dir.path().join("r.sarif");
    let junit = dir.path().join("r.xml");
    let (code, stdout, stderr) = blindspot(&[
        "scan",
        p,
        "--rule",
        "CT-01",
        "--output",
        &format!("sarif={}", sarif.display()),
        "--output",
        &format!("junit={}", junit.display()),
    ]);
    assert_eq!(code, 1);
    // The human report stays on stdout.
    assert!(stdout.contains("CT-01 cloudtrail-multi-region (high)"), "{stdout}");
    assert!(
        stdout.ends_with("1 finding (1 high) in 1 file (1 resources)\n"),
        "{stdout}"
    );
    assert!(!stderr.contains("finding"), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 1);
    assert!(std::fs::read_to_string(&junit).unwrap().contains("<failure"));
    // Every report in a file: the one-line summary goes to stderr.
    let (code, stdout, stderr) = blindspot(&[
        "scan",
        p,
        "--rule",
        "CT-01",
        "-f",
        "json",
        "-o",
        sarif.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(stderr, "1 finding (1 high) in 1 file (1 resources)\n");
    let (code, _, stderr) = blindspot(&["scan", p, "--output", "sarf=x.sarif"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown format \"sarf\""), "{stderr}");
    // --compact: one line per finding, then the summary.
    let (_, stdout, _) = blindspot(&["scan", p, "--rule", "CT-01", "--compact"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].ends_with("main.tf:4:3: high CT-01 CloudTrail trail aws_cloudtrail.t records only its home region"),
        "{stdout}"
    );
}

#[test]
fn soft_fail_exits_0_on_findings_but_2_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", BAD_TRAIL.as_bytes());
    let p = dir.path().to_str().unwrap();
    assert_eq!(blindspot(&["scan", p, "--fail-on", "none"]).0, 0);
    assert_eq!(blindspot(&["scan", p, "--soft-fail"]).0, 0);
    write(dir.path(), "bad/main.tf", b"resource \"x\" {\n");
    assert_eq!(blindspot(&["scan", p, "--soft-fail"]).0, 2);
    let (_, stdout, _) = blindspot(&["scan", p, "--soft-fail", "-f", "github"]);
    let findings: Vec<&str> = stdout.lines().filter(|l| l.contains("title=CT-01")).collect();
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0].starts_with("::warning "),
        "below --fail-on is not an error: {stdout}"
    );
    assert!(
        stdout.contains("::error file=") && stdout.contains("parse error"),
        "{stdout}"
    );
}

#[test]
fn an_empty_scan_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "README.md", b"nothing here");
    let p = dir.path().to_str().unwrap();
    let (code, stdout, stderr) = blindspot(&["scan", p]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning: no Terraform or CloudFormation files found under"),
        "{stderr}"
    );
    assert!(
        stdout.contains("note: ") && stdout.contains("no Terraform or CloudFormation files found"),
        "{stdout}"
    );
    let (_, v) = json(&[p]);
    assert_eq!(v["summary"]["notes"], 1, "{v:#}");
    let (_, stdout, _) = blindspot(&["scan", p, "-f", "sarif"]);
    assert!(stdout.contains("no Terraform or CloudFormation files found"));
}

#[test]
fn undecided_checks_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        b"variable \"multi\" {}\nresource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  s3_bucket_name = \"b\"\n  is_multi_region_trail = var.multi\n}\n",
    );
    let p = dir.path().to_str().unwrap();
    let (code, stdout, _) = blindspot(&["scan", p, "--rule", "CT-01"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("1 check depends on values that cannot be known statically (run with --strict to see them)"),
        "{stdout}"
    );
    let (_, v) = json(&[p, "--rule", "CT-01"]);
    assert_eq!(v["summary"]["unknown"], 1);
    let (_, stdout, _) = blindspot(&["scan", p, "--rule", "CT-01", "--strict"]);
    assert!(!stdout.contains("cannot be known statically"), "{stdout}");
}

#[test]
fn selectors_vars_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", BAD_TRAIL.as_bytes());
    let p = dir.path().to_str().unwrap();
    let (_, v) = json(&[p, "--rule", "CT-*", "--skip", "CKV_AWS_67,low"]);
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert!(!ids.is_empty() && !ids.contains(&"CT-01"), "{ids:?}");
    assert!(ids.iter().all(|i| i.starts_with("CT-")), "{ids:?}");
    let (code, _, stderr) = blindspot(&["scan", p, "--rule", "CT-1"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean CT-01?"), "{stderr}");
    let (code, _, stderr) = blindspot(&["scan", p, "--var", "foo"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--var \"foo\": expected NAME=VALUE"), "{stderr}");
    let (code, stdout, _) = blindspot(&["explain", "CKV2_AWS_11"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("CKV2_AWS_11 is checked by VPC-01\n\n# VPC-01"),
        "{stdout}"
    );
    let (code, _, stderr) = blindspot(&["explain", "CT-1"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean CT-01?"), "{stderr}");
}

#[test]
fn config_file_takes_every_flag_and_paths_are_relative_to_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "infra/main.tf", BAD_TRAIL.as_bytes());
    write(dir.path(), "infra/legacy/main.tf", BAD_TRAIL.as_bytes());
    write(
        dir.path(),
        ".blindspot.yml",
        b"rules: [CT-01]\nexclude: ['infra/legacy/**']\nformat: json\nstrict: false\nthreads: 2\nprogress: false\n\
          color: never\nvars: {region: eu-west-1}\ncfn_params: [Env=prod]\noutput: ['sarif=out/r.sarif']\n\
          fail_on: none\ninclude_suppressed: true\n",
    );
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    // Run from a subdirectory: the config's paths still resolve against its own folder.
    let sub = dir.path().join("infra");
    let out = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(["scan", "."])
        .current_dir(&sub)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "fail_on: none: {stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec!["main.tf"], "legacy/ is excluded by the config's glob");
    assert!(dir.path().join("out/r.sarif").is_file());
    let show = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(["scan", ".", "--show-config", "--exclude", "tmp/**"])
        .current_dir(&sub)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&show.stdout);
    for line in [
        "fail_on: \"none\"",
        "rules: [\"CT-01\"]",
        "threads: 2",
        "vars: [\"region=eu-west-1\"]",
        "cfn_params: [\"Env=prod\"]",
        "color: \"never\"",
        "include_suppressed: true",
        "progress: false",
    ] {
        assert!(text.contains(line), "{line} not in\n{text}");
    }
    assert!(text.contains("tmp/**"), "{text}");
    // A mistake in a new key is located.
    write(dir.path(), ".blindspot.yml", b"threads: many\n");
    let (code, _, stderr) = blindspot(&["scan", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(".blindspot.yml:1:10: `threads` must be a positive whole number"),
        "{stderr}"
    );
    // --exclude on the command line, relative to the current directory.
    std::fs::remove_file(dir.path().join(".blindspot.yml")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(["scan", ".", "-f", "json", "--rule", "CT-01", "--exclude", "legacy/**"])
        .current_dir(&sub)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn baselines_match_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "infra/main.tf", BAD_TRAIL.as_bytes());
    let root = dir.path();
    let run = |cwd: &Path, args: &[&str]| -> serde_json::Value {
        let out = Command::new(env!("CARGO_BIN_EXE_blindspot"))
            .args(args)
            .current_dir(cwd)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
    };
    // Written at the root, used from the subdirectory.
    run(
        root,
        &[
            "scan",
            "infra",
            "--rule",
            "CT-01",
            "-f",
            "json",
            "--write-baseline",
            "base.json",
        ],
    );
    let b: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("base.json")).unwrap()).unwrap();
    assert_eq!(b["findings"][0]["file"], "infra/main.tf");
    let v = run(
        &root.join("infra"),
        &[
            "scan",
            ".",
            "--rule",
            "CT-01",
            "-f",
            "json",
            "--baseline",
            "../base.json",
        ],
    );
    assert_eq!(v["summary"]["findings"], 0, "{v:#}");
    assert_eq!(v["summary"]["baselined"], 1);
    // Written in the subdirectory, used from the root.
    run(
        &root.join("infra"),
        &[
            "scan",
            ".",
            "--rule",
            "CT-01",
            "-f",
            "json",
            "--write-baseline",
            "sub.json",
        ],
    );
    let v = run(
        root,
        &[
            "scan",
            "infra",
            "--rule",
            "CT-01",
            "-f",
            "json",
            "--baseline",
            "infra/sub.json",
        ],
    );
    assert_eq!(v["summary"]["findings"], 0, "{v:#}");
    assert_eq!(v["summary"]["fixed"], 0);
}

/// Baselined findings stay out of SARIF (GitHub would open alerts for them) unless
/// `--include-suppressed` asks for them, then as `external` suppressions.
#[test]
fn baselined_findings_in_sarif_only_on_request() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", BAD_TRAIL.as_bytes());
    let p = dir.path().to_str().unwrap();
    let base = dir.path().join("base.json");
    let b = base.to_str().unwrap();
    blindspot(&["scan", p, "--rule", "CT-01", "--write-baseline", b]);
    let sarif = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["scan", p, "--rule", "CT-01", "-f", "sarif", "--baseline", b];
        args.extend(extra);
        serde_json::from_str(&blindspot(&args).1).unwrap()
    };
    let plain = sarif(&[]);
    assert_eq!(plain["runs"][0]["results"].as_array().unwrap().len(), 0, "{plain:#}");
    let all = sarif(&["--include-suppressed"]);
    let results = all["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{all:#}");
    assert_eq!(results[0]["ruleId"], "CT-01");
    assert_eq!(results[0]["suppressions"][0]["kind"], "external");
    assert_eq!(results[0]["suppressions"][0]["properties"]["blindspotKind"], "baseline");
}

#[test]
fn colour_follows_the_flag_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", BAD_TRAIL.as_bytes());
    let p = dir.path().to_str().unwrap();
    let ansi = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["scan", p, "--rule", "CT-01"];
        all.extend(args);
        blindspot_env(&all, env).1.contains("\u{1b}[")
    };
    // Output is a pipe here: no colour unless asked for.
    assert!(!ansi(&[], &[]));
    assert!(ansi(&["--color", "always"], &[]));
    assert!(ansi(&[], &[("FORCE_COLOR", "1")]));
    assert!(ansi(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!ansi(&[], &[("FORCE_COLOR", "0")]));
    assert!(!ansi(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(!ansi(&["--color", "never"], &[("FORCE_COLOR", "1")]));
    assert!(ansi(&["--color", "always"], &[("NO_COLOR", "1")]), "the flag wins");
    // Machine formats never carry colour.
    assert!(!ansi(&["-f", "compact", "--color", "always"], &[]));
}

#[test]
fn a_cfn_param_no_template_declares_is_a_note() {
    let (code, v) = json(&["testdata/demo", "--cfn-param", "Nope=1", "--cfn-param", "NamePrefix=x"]);
    assert_eq!(code, 1);
    let notes: Vec<&str> = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        notes,
        vec!["--cfn-param Nope matches no parameter of the scanned templates"]
    );
}

#[test]
fn the_ignore_file_suppresses_centrally_and_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sandbox/main.tf", BAD_TRAIL.as_bytes());
    write(dir.path(), "prod/main.tf", BAD_TRAIL.as_bytes());
    write(
        dir.path(),
        ".blindspotignore",
        b"- rule: CT-01\n  path: 'sandbox/**'\n  resource: aws_cloudtrail.t\n  reason: SCP denies other regions\n\
          - rule: CT-02\n  path: 'prod/**'\n\
          - rule: CT-01\n  path: 'prod/**'\n  reason: was needed once\n  expires: 2020-01-01\n\
          - rule: CT-01\n  path: 'prod/**'\n  resource: aws_cloudtrail.gone\n  reason: stale\n",
    );
    // The ignore file's SUP findings take the configured severity, like inline ones.
    write(dir.path(), ".blindspot.yml", b"severity:\n  SUP-02: high\n");
    let p = dir.path().to_str().unwrap();
    let (code, v) = json(&[p, "--rule", "CT-01,SUP-01,SUP-02"]);
    assert_eq!(code, 1);
    let found: Vec<(String, String, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let file = file.rsplit_once(&format!("{}/", dir.path().file_name().unwrap().to_str().unwrap()));
            (
                f["rule_id"].as_str().unwrap().to_string(),
                file.map_or(String::new(), |(_, f)| f.to_string()),
                f["start_line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("SUP-01".to_string(), ".blindspotignore".to_string(), 5),
            ("SUP-02".to_string(), ".blindspotignore".to_string(), 11),
            ("CT-01".to_string(), "prod/main.tf".to_string(), 4),
        ],
        "{v:#}"
    );
    let severities: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["low", "high", "high"], "{v:#}");
    let s = &v["suppressed"][0];
    assert_eq!(s["rule_id"], "CT-01");
    assert_eq!(s["suppression"]["kind"], "ignore-file");
    assert_eq!(s["suppression"]["reason"], "SCP denies other regions");
    // Relative to the ignore file, wherever the scan runs from.
    let out = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(["scan", "../sandbox", "-f", "json", "--rule", "CT-01"])
        .current_dir(dir.path().join("prod"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["findings"], 0, "{v:#}");
    assert_eq!(v["summary"]["suppressed"], 1);
    // A broken ignore file is a located usage error.
    write(
        dir.path(),
        ".blindspotignore",
        b"- rule: CT-01\n  path: x\n  expires: soon\n",
    );
    let (code, _, stderr) = blindspot(&["scan", p]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(".blindspotignore:3:12: `expires` must be a date"),
        "{stderr}"
    );
}

#[test]
fn a_checkov_skip_of_ckv2_aws_11_suppresses_vpc_01() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        b"resource \"aws_vpc\" \"main\" {\n  #checkov:skip=CKV2_AWS_11:flow logs are collected centrally\n  cidr_block = \"10.0.0.0/16\"\n}\n",
    );
    let (code, v) = json(&[dir.path().to_str().unwrap(), "--rule", "VPC-01,SUP-02"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["suppressed"][0]["rule_id"], "VPC-01");
    assert_eq!(v["suppressed"][0]["suppression"]["kind"], "checkov");
}

#[test]
fn github_format_writes_the_job_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", BAD_TRAIL.as_bytes());
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "# earlier step\n").unwrap();
    let p = dir.path().to_str().unwrap();
    let (code, stdout, _) = blindspot_env(
        &["scan", p, "--rule", "CT-01", "-f", "github"],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(code, 1);
    assert!(stdout.starts_with("::error file="), "{stdout}");
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("# earlier step\n## blindspot\n\n**1 finding (1 high)"),
        "appended: {md}"
    );
    assert!(md.contains("### high (1)"), "{md}");
}

#[test]
fn the_config_file_can_hold_the_ignore_list() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sandbox/main.tf", BAD_TRAIL.as_bytes());
    write(
        dir.path(),
        ".blindspot.yml",
        b"fail_on: high\nignore:\n  - rule: CT-01\n    path: 'sandbox/**'\n    reason: SCP denies other regions\n  - rule: CT-02\n    path: 'sandbox/**'\n",
    );
    let (code, v) = json(&[dir.path().to_str().unwrap(), "--rule", "CT-01,CT-02,SUP-01"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["suppressed"][0]["suppression"]["kind"], "ignore-file");
    let sup: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "SUP-01")
        .collect();
    assert_eq!(sup.len(), 1, "{v:#}");
    assert!(sup[0]["file"].as_str().unwrap().ends_with(".blindspot.yml"));
    assert_eq!(sup[0]["start_line"], 6);
    write(
        dir.path(),
        ".blindspot.yml",
        b"ignore:\n  - rule: CT-01\n    path: x\n    when: later\n",
    );
    let (code, _, stderr) = blindspot(&["scan", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains(".blindspot.yml:4:5: unknown key `when`"), "{stderr}");
}
