//! Where users work: the config file, baselines, pre-commit file mode, explain, formats.

use std::path::Path;
use std::process::Command;

fn blindspot_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .current_dir(dir)
        .args(args)
        .env("BLINDSPOT_TODAY", "2026-06-01")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn json_in(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["scan", "--format", "json"];
    all.extend(args);
    let (code, stdout, stderr) = blindspot_in(dir, &all);
    let v = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\n{stderr}"));
    (code, v)
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn rules(v: &serde_json::Value, list: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}:{}", f["rule_id"].as_str().unwrap(), f["start_line"]))
        .collect()
}

const TRAIL: &str = r#"resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-cloudtrail-logs"
  is_multi_region_trail      = false
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:111122223333:key/abc"
  cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail"
  event_selector {
    read_write_type           = "All"
    include_management_events = true
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
  insight_selector {
    insight_type = "ApiCallRateInsight"
  }
}
"#;

#[test]
fn config_file_is_discovered_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "infra/main.tf", TRAIL);
    let (code, v) = json_in(dir.path(), &["infra"]);
    assert_eq!(code, 1);
    assert_eq!(rules(&v, "findings"), vec!["CT-01:4"]);
    // Found from the first PATH upwards.
    write(dir.path(), ".blindspot.yml", "skip: [CT-01]\n");
    let (code, v) = json_in(dir.path(), &["infra"]);
    assert_eq!((code, rules(&v, "findings")), (0, vec![]));
    // A flag replaces the config's list.
    let (code, v) = json_in(dir.path(), &["infra", "--skip", "CT-02"]);
    assert_eq!((code, rules(&v, "findings")), (1, vec!["CT-01:4".to_string()]));
    // fail_on and severity overrides; --fail-on wins over the file.
    write(
        dir.path(),
        ".blindspot.yml",
        "fail_on: high\nseverity:\n  CT-01: medium\n",
    );
    let (code, v) = json_in(dir.path(), &["infra"]);
    assert_eq!(code, 0);
    assert_eq!(v["findings"][0]["severity"], "medium");
    let (code, _) = json_in(dir.path(), &["infra", "--fail-on", "medium"]);
    assert_eq!(code, 1);
    // --config names another file.
    write(dir.path(), "other.yml", "rules: [CT-02]\n");
    let (code, v) = json_in(dir.path(), &["infra", "--config", "other.yml"]);
    assert_eq!((code, rules(&v, "findings")), (0, vec![]));
    // exclude globs.
    write(dir.path(), ".blindspot.yml", "exclude: ['infra/**']\n");
    let (code, v) = json_in(dir.path(), &["infra"]);
    assert_eq!((code, v["summary"]["files"].as_u64()), (0, Some(0)));
}

#[test]
fn config_mistakes_exit_2_with_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", TRAIL);
    for (text, expected) in [
        (
            "fail_on: low\nrulez: [CT-01]\n",
            ".blindspot.yml:2:1: `rulez` unknown key",
        ),
        ("account: 3\n", ".blindspot.yml:1:10: `account` must be true or false"),
        (
            "min_retention_days: many\n",
            ".blindspot.yml:1:21: `min_retention_days` must be",
        ),
        (
            "log_buckets: {a: b}\n",
            ".blindspot.yml:1:14: `log_buckets` must be a list of strings",
        ),
        (
            "severity:\n  CT-01: severe\n",
            ".blindspot.yml:2:10: `severity.CT-01` must be one of",
        ),
        ("skip: [CT-01\n", ".blindspot.yml:"),
    ] {
        write(dir.path(), ".blindspot.yml", text);
        let (code, stdout, stderr) = blindspot_in(dir.path(), &["scan", "."]);
        assert_eq!(code, 2, "{text}: {stdout}{stderr}");
        assert!(stderr.contains(expected), "{text}: {stderr}");
        assert!(stdout.is_empty());
    }
    let (code, _, stderr) = blindspot_in(dir.path(), &["scan", ".", "--config", "missing.yml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.yml"), "{stderr}");
}

#[test]
fn inline_suppressions_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        &TRAIL.replace(
            "  is_multi_region_trail      = false\n",
            "  is_multi_region_trail      = false # blindspot:ignore CT-01 sandbox account\n",
        ),
    );
    let (code, v) = json_in(dir.path(), &["."]);
    assert_eq!((code, rules(&v, "suppressed")), (0, vec!["CT-01:4".to_string()]));
    assert_eq!(v["summary"]["suppressed"], 1);
    let (code, v) = json_in(dir.path(), &[".", "--no-inline-suppressions"]);
    assert_eq!((code, rules(&v, "findings")), (1, vec!["CT-01:4".to_string()]));
    assert_eq!(v["summary"]["suppressed"], 0);
    write(dir.path(), ".blindspot.yml", "inline_suppressions: false\n");
    let (code, v) = json_in(dir.path(), &["."]);
    assert_eq!((code, rules(&v, "findings")), (1, vec!["CT-01:4".to_string()]));
}

#[test]
fn baseline_round_trip_reports_only_new_problems() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string("testdata/demo/terraform/main.tf").unwrap();
    for f in ["main.tf", "kms.tf", "variables.tf"] {
        std::fs::copy(format!("testdata/demo/terraform/{f}"), dir.path().join("infra").join(f))
            .or_else(|_| {
                std::fs::create_dir_all(dir.path().join("infra"))?;
                std::fs::copy(format!("testdata/demo/terraform/{f}"), dir.path().join("infra").join(f))
            })
            .unwrap();
    }
    let (code, before) = json_in(dir.path(), &["infra", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 1);
    let recorded = before["findings"].as_array().unwrap().len();
    assert!(recorded > 0);
    let (code, v) = json_in(dir.path(), &["infra", "--baseline", "baseline.json"]);
    assert_eq!((code, rules(&v, "findings")), (0, vec![]));
    assert_eq!(v["summary"]["baselined"].as_u64(), Some(recorded as u64));
    assert_eq!(v["summary"]["fixed"], 0);
    // Move everything down and add a new problem: only the new problem is reported.
    let edited = format!(
        "# moved\n\n\n{original}\nresource \"aws_cloudtrail\" \"new\" {{\n  name = \"new\"\n  s3_bucket_name = aws_s3_bucket.trail.id\n  is_multi_region_trail = false\n  enable_log_file_validation = true\n  is_logging = false\n}}\n"
    );
    std::fs::write(dir.path().join("infra/main.tf"), edited).unwrap();
    let (code, v) = json_in(dir.path(), &["infra", "--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    let new: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["resource"].as_str().unwrap_or(""))
        .collect();
    assert!(
        !new.is_empty() && new.iter().all(|r| *r == "aws_cloudtrail.new"),
        "{v:#}"
    );
    assert_eq!(v["summary"]["baselined"].as_u64(), Some(recorded as u64));
    // Fix one recorded problem: it is counted as fixed.
    let text = std::fs::read_to_string(dir.path().join("infra/main.tf")).unwrap();
    let fixed_text = text.replacen(
        "resource \"aws_cloudtrail\" \"org\" {\n",
        "resource \"aws_cloudtrail\" \"org\" {\n  is_multi_region_trail = true\n",
        1,
    );
    assert_ne!(text, fixed_text);
    std::fs::write(dir.path().join("infra/main.tf"), fixed_text).unwrap();
    let (_, v) = json_in(dir.path(), &["infra", "--baseline", "baseline.json"]);
    assert_eq!(v["summary"]["fixed"], 1, "{:#}", v["summary"]);
    // Rules that did not run and files that were not scanned are not "fixed".
    let (_, v) = json_in(dir.path(), &["infra", "--baseline", "baseline.json", "--rule", "CT-02"]);
    assert_eq!(v["summary"]["fixed"], 0, "{:#}", v["summary"]);
    let (_, v) = json_in(
        dir.path(),
        &["infra/kms.tf", "--baseline", "baseline.json", "--skip", "CT-01"],
    );
    assert_eq!(v["summary"]["fixed"], 0, "{:#}", v["summary"]);
    // A broken baseline is a usage error.
    write(dir.path(), "bad.json", "{}");
    let (code, _, stderr) = blindspot_in(dir.path(), &["scan", "infra", "--baseline", "bad.json"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn files_given_scan_their_module_and_report_only_there() {
    let dir = tempfile::tempdir().unwrap();
    // The deciding value sits in another file of the module: it must still resolve.
    write(
        dir.path(),
        "modules/trail/main.tf",
        &TRAIL.replace("= false\n  enable", "= var.multi_region\n  enable"),
    );
    write(
        dir.path(),
        "modules/trail/variables.tf",
        "variable \"multi_region\" {\n  default = false\n}\n",
    );
    write(dir.path(), "modules/trail/nested/main.tf", TRAIL);
    write(dir.path(), "other/main.tf", TRAIL);
    write(dir.path(), "root.tf", TRAIL);
    let (code, v) = json_in(dir.path(), &["modules/trail/variables.tf"]);
    assert_eq!(code, 1);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec!["modules/trail/main.tf"], "{v:#}");
    assert_eq!(v["findings"][0]["rule_id"], "CT-01");
    // A file at the root: only root findings, not the whole tree.
    let (_, v) = json_in(dir.path(), &["root.tf"]);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec!["root.tf"], "{v:#}");
    // Two files from different modules.
    let (_, v) = json_in(dir.path(), &["other/main.tf", "modules/trail/main.tf"]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 2, "{v:#}");
    // A tfvars file stands for its module; a directory next to a file is reported in full.
    write(dir.path(), "modules/trail/prod.tfvars", "multi_region = false\n");
    let (_, v) = json_in(dir.path(), &["modules/trail/prod.tfvars", "other"]);
    let mut files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    files.dedup();
    assert_eq!(files, vec!["modules/trail/main.tf", "other/main.tf"], "{v:#}");
    let (_, v) = json_in(dir.path(), &["root.tf", "modules"]);
    let mut files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    files.dedup();
    assert_eq!(
        files,
        vec!["modules/trail/main.tf", "modules/trail/nested/main.tf", "root.tf"],
        "{v:#}"
    );
}

#[test]
fn explain_shows_the_fixture_examples() {
    let (code, stdout, _) = blindspot_in(Path::new("."), &["explain", "CT-01"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# CT-01 cloudtrail-multi-region"));
    for part in [
        "### Terraform that fails (`main.tf`)",
        "### Terraform that passes",
        "### CloudFormation that fails (`template.yaml`)",
        "### CloudFormation that passes",
        "is_multi_region_trail      = false\n",
    ] {
        assert!(stdout.contains(part), "missing {part}:\n{stdout}");
    }
    // The examples are shown without the fixtures' expectation markers.
    assert!(!stdout.contains("expect:"), "{stdout}");
}

#[test]
fn every_format_renders_from_the_command_line() {
    for format in ["human", "json", "sarif", "junit", "github"] {
        let (code, stdout, stderr) = blindspot_in(Path::new("."), &["scan", "testdata/demo", "--format", format]);
        assert_eq!(code, 1, "{format}: {stderr}");
        assert!(!stdout.is_empty(), "{format}");
        // No progress output when stderr is not a terminal.
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
}
