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

#[test]
fn output_is_identical_for_any_thread_count() {
    let runs: Vec<String> = ["1", "2", "7"]
        .iter()
        .map(|t| {
            let (code, out, _) = blindspot(&["scan", "testdata", "--format", "json", "--threads", t]);
            assert!(code == 1 || code == 0, "exit {code}");
            out
        })
        .collect();
    assert!(!runs[0].is_empty());
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
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
    assert!(msgs.iter().any(|m| m.contains("(unresolved: var.multi)")), "{msgs:?}");
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
