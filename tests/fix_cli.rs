//! `blindspot fix` as a user runs it: `--diff` writes nothing, a plain run writes and
//! verifies, `--rule`/`--skip` select, exit codes; reports carry fixes; unknown values are
//! never fixed.

use std::path::Path;
use std::process::Command;

fn copy_case(case: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("case");
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(Path::new("testdata/rules").join(case)).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    (tmp, dir)
}

fn blindspot(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let (_tmp, dir) = copy_case("CT-01/tf-fail-var-default");
    let before = std::fs::read_to_string(dir.join("variables.tf")).unwrap();
    let (code, stdout, stderr) = blindspot(&["fix", "--diff", "--rule", "CT-01", "."], &dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("--- a/variables.tf\n+++ b/variables.tf\n"), "{stdout}");
    assert!(
        stdout.contains("-  default     = false\n+  default     = true\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("would fix main.tf:8:3: CT-01 set the default of variable \"multi_region\" to true"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(dir.join("variables.tf")).unwrap(), before);
}

#[test]
fn fix_writes_verifies_and_exits_0_when_nothing_is_left() {
    let (_tmp, dir) = copy_case("CT-02/tf-fail-default");
    let (code, _, stderr) = blindspot(&["fix", "--rule", "CT-02", "."], &dir);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 finding fixed in 1 file"), "{stderr}");
    let text = std::fs::read_to_string(dir.join("main.tf")).unwrap();
    assert!(text.contains("  enable_log_file_validation = true\n"), "{text}");
    let (code, _, stderr) = blindspot(&["scan", "--rule", "CT-02", "."], &dir);
    assert_eq!(code, 0, "{stderr}");
    // A second run has nothing to do.
    let (code, stdout, _) = blindspot(&["fix", "--diff", "--rule", "CT-02", "."], &dir);
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn skip_leaves_the_finding_alone() {
    let (_tmp, dir) = copy_case("CT-01/tf-fail");
    let before = std::fs::read_to_string(dir.join("main.tf")).unwrap();
    let (code, stdout, _) = blindspot(
        &["fix", "--diff", "--skip", "CT-01", "--rule", "CT-01,CT-02", "."],
        &dir,
    );
    assert_eq!((code, stdout.as_str()), (0, ""));
    let (code, _, stderr) = blindspot(&["fix", "--skip", "CT-01", "--rule", "CT-01,CT-02", "."], &dir);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.join("main.tf")).unwrap(), before);
}

#[test]
fn unfixable_findings_are_listed_and_exit_1() {
    let (_tmp, dir) = copy_case("CT-09/tf-fail-dynamic-empty");
    let before = std::fs::read_to_string(dir.join("main.tf")).unwrap();
    let (code, stdout, stderr) = blindspot(&["fix", "--rule", "CT-09", "."], &dir);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("not fixed main.tf:"), "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.join("main.tf")).unwrap(), before);
}

#[test]
fn json_and_sarif_reports_carry_the_fix() {
    let (_tmp, dir) = copy_case("CT-01/tf-fail-var-default");
    let (_, stdout, _) = blindspot(&["scan", "--rule", "CT-01", "-f", "json", "."], &dir);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let fix = &v["findings"][0]["fix"];
    assert_eq!(
        fix["description"],
        "set the default of variable \"multi_region\" to true"
    );
    let e = &fix["edits"][0];
    assert_eq!(e["file"], "variables.tf");
    assert_eq!(
        (e["start_line"].as_u64(), e["start_column"].as_u64()),
        (Some(5), Some(17))
    );
    assert_eq!((e["end_line"].as_u64(), e["end_column"].as_u64()), (Some(5), Some(22)));
    let text = std::fs::read_to_string(dir.join("variables.tf")).unwrap();
    let (s, t) = (
        e["start_byte"].as_u64().unwrap() as usize,
        e["end_byte"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..t], "false");
    assert_eq!(e["replacement"], "true");

    let (_, stdout, _) = blindspot(&["scan", "--rule", "CT-01", "-f", "sarif", "."], &dir);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let change = &v["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "variables.tf");
    let r = &change["replacements"][0];
    assert_eq!(r["deletedRegion"]["startLine"], 5);
    assert_eq!(r["deletedRegion"]["startColumn"], 17);
    assert_eq!(r["deletedRegion"]["endColumn"], 22);
    assert_eq!(r["insertedContent"]["text"], "true");
}

#[test]
fn unknown_values_are_never_fixed() {
    for case in ["CT-01/tf-pass-unknown-var", "CT-01/cfn-yaml-pass-unknown-param"] {
        let opts = blindspot::scan::Options {
            paths: vec![Path::new("testdata/rules").join(case)],
            only: vec!["CT-01".into()],
            strict: true,
            ..Default::default()
        };
        let mut out = blindspot::scan::scan(&opts).unwrap();
        assert!(!out.findings.is_empty(), "{case}: --strict reports the unknown");
        blindspot::fix::attach(&mut out);
        assert!(out.findings.iter().all(|f| f.fix.is_none()), "{case}");
    }
}

/// Scans `files` (written to a temporary directory) with one rule and returns each
/// finding's fix (description, note) and the fixed text of `file`.
fn plan(files: &[(&str, &str)], rule: &str, file: &str) -> (Vec<(String, Option<String>)>, String) {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(tmp.path().join(name), text).unwrap();
    }
    let opts = blindspot::scan::Options {
        paths: vec![tmp.path().to_path_buf()],
        only: vec![rule.into()],
        ..Default::default()
    };
    let mut out = blindspot::scan::scan(&opts).unwrap();
    blindspot::fix::attach(&mut out);
    let fixes: Vec<(String, Option<String>)> = out
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref().map(|x| (x.description.clone(), x.note.clone())))
        .collect();
    let target = out.files.iter().position(|f| f.path.ends_with(file)).unwrap();
    let edits: Vec<&blindspot::finding::Edit> = out
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|x| &x.edits)
        .filter(|e| e.span.file.0 as usize == target)
        .collect();
    (fixes, blindspot::fix::apply(&out.files[target].text, &edits))
}

#[test]
fn a_variable_read_twice_is_fixed_at_the_resource_with_a_note() {
    let (fixes, text) = plan(
        &[(
            "main.tf",
            "variable \"multi\" {\n  default = false\n}\n\nresource \"aws_s3_bucket\" \"t\" {\n  bucket = \"logs\"\n}\n\nresource \"aws_cloudtrail\" \"a\" {\n  name                  = \"a\"\n  s3_bucket_name        = aws_s3_bucket.t.id\n  is_multi_region_trail = var.multi\n}\n\noutput \"multi\" {\n  value = var.multi\n}\n",
        )],
        "CT-01",
        "main.tf",
    );
    assert_eq!(fixes.len(), 1);
    assert_eq!(fixes[0].0, "set `is_multi_region_trail = true`");
    assert!(
        fixes[0]
            .1
            .as_deref()
            .unwrap()
            .contains("variable \"multi\" is read 2 times"),
        "{fixes:?}"
    );
    assert!(
        text.contains("  is_multi_region_trail = true\n") && text.contains("  default = false\n"),
        "{text}"
    );
}

#[test]
fn a_parameter_referenced_twice_is_fixed_at_the_resource_and_flow_yaml_stays_flow() {
    let template = "AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Multi:\n    Type: String\n    Default: \"false\"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties: {S3BucketName: !Ref B, IsLogging: true, IsMultiRegionTrail: !Ref Multi}\nOutputs:\n  M:\n    Value: !Sub \"${Multi}\"\n";
    let (fixes, text) = plan(&[("t.yaml", template)], "CT-01", "t.yaml");
    assert!(
        fixes[0]
            .1
            .as_deref()
            .unwrap()
            .contains("parameter Multi is referenced 2 times"),
        "{fixes:?}"
    );
    assert!(text.contains("IsMultiRegionTrail: true}"), "{text}");
    let (_, text) = plan(&[("t.yaml", template)], "CT-02", "t.yaml");
    assert!(
        text.contains(
            "{S3BucketName: !Ref B, IsLogging: true, IsMultiRegionTrail: !Ref Multi, EnableLogFileValidation: true}"
        ),
        "{text}"
    );
}

#[test]
fn crlf_files_keep_their_line_endings() {
    let tf = "resource \"aws_s3_bucket\" \"t\" {\r\n  bucket = \"logs\"\r\n}\r\n\r\nresource \"aws_cloudtrail\" \"a\" {\r\n  name           = \"a\"\r\n  s3_bucket_name = aws_s3_bucket.t.id\r\n}\r\n";
    let (_, text) = plan(&[("main.tf", tf)], "CT-02", "main.tf");
    assert!(
        text.contains("  s3_bucket_name             = aws_s3_bucket.t.id\r\n  enable_log_file_validation = true\r\n}"),
        "{text:?}"
    );
    assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
}
