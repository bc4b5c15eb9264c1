//! CloudFormation end to end: parameter values from the command line and parameter files
//! (both formats) with provenance, CDK construct paths in reports, links through
//! intrinsics, one-of values under --strict, JSON documents in strings.

use std::path::Path;
use std::process::Command;

use blindspot::scan::{Options, scan};

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

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

const TEMPLATE: &str = "AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Multi:
    Type: String
    Default: 'true'
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      IsMultiRegionTrail: !Ref Multi
";

fn findings(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["findings"].as_array().unwrap()
}

#[test]
fn parameter_overrides_from_the_command_line_and_both_file_formats() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "t.yaml", TEMPLATE);
    // The default (true) passes.
    let (code, v) = json(&[&t, "--rule", "CT-01"]);
    assert_eq!((code, findings(&v).len()), (0, 0), "{v:#}");

    // --cfn-param overrides the default; no file to point at, so no related location.
    let (code, v) = json(&[&t, "--rule", "CT-01", "--cfn-param", "Multi=false"]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(findings(&v)[0]["start_line"], 12);

    // `aws cloudformation` format: related points at the value in the file.
    let cli = write(
        dir.path(),
        "params/cli.json",
        "[\n  {\"ParameterKey\": \"Other\", \"ParameterValue\": \"x\"},\n  {\"ParameterKey\": \"Multi\", \"ParameterValue\": \"false\"}\n]\n",
    );
    let (code, v) = json(&[&t, "--rule", "CT-01", "--cfn-params", &cli]);
    assert_eq!(code, 1, "{v:#}");
    let related = &findings(&v)[0]["related"][0];
    assert!(
        related["file"].as_str().unwrap().ends_with("params/cli.json"),
        "{related}"
    );
    assert_eq!(related["start_line"], 3);

    // CodePipeline format.
    let pipeline = write(
        dir.path(),
        "params/pipeline.json",
        "{\n  \"Parameters\": {\n    \"Multi\": \"false\"\n  }\n}\n",
    );
    let (code, v) = json(&[&t, "--rule", "CT-01", "--cfn-params", &pipeline]);
    assert_eq!(code, 1, "{v:#}");
    let related = &findings(&v)[0]["related"][0];
    assert!(related["file"].as_str().unwrap().ends_with("params/pipeline.json"));
    assert_eq!(related["start_line"], 3);

    // --cfn-param wins over a file.
    let (code, v) = json(&[
        &t,
        "--rule",
        "CT-01",
        "--cfn-params",
        &pipeline,
        "--cfn-param",
        "Multi=true",
    ]);
    assert_eq!((code, findings(&v).len()), (0, 0), "{v:#}");

    // The default's location is related when the default decides.
    let t2 = write(
        dir.path(),
        "d/t.yaml",
        &TEMPLATE.replace("Default: 'true'", "Default: 'false'"),
    );
    let (_, v) = json(&[&t2, "--rule", "CT-01"]);
    assert_eq!(findings(&v)[0]["related"][0]["start_line"], 5);
    assert!(
        findings(&v)[0]["related"][0]["message"]
            .as_str()
            .unwrap()
            .contains("default of parameter Multi")
    );
}

#[test]
fn bad_parameter_input_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "t.yaml", TEMPLATE);
    let (code, _, stderr) = blindspot(&["scan", &t, "--cfn-param", "Multi"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("NAME=VALUE"), "{stderr}");
    let bad = write(dir.path(), "p.json", "{\"Multi\": \"false\"}");
    let (code, v) = json(&[&t, "--cfn-params", &bad]);
    assert_eq!(code, 2);
    let err = v["errors"][0]["message"].as_str().unwrap();
    assert!(err.contains("invalid parameter file"), "{err}");
    let missing = dir.path().join("nope.json");
    let (code, v) = json(&[&t, "--cfn-params", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(v["errors"].as_array().unwrap().len(), 1);
}

#[test]
fn cdk_construct_paths_are_shown_in_json_and_human_reports() {
    let case = "testdata/rules/CT-01/cfn-json-cdk";
    let (_, v) = json(&[case, "--rule", "CT-01"]);
    assert_eq!(findings(&v)[0]["context"], "CDK construct AuditStack/Trail/Resource");
    let (_, human, _) = blindspot(&["scan", case, "--rule", "CT-01"]);
    assert!(human.contains("CDK construct AuditStack/Trail/Resource"), "{human}");
}

#[test]
fn one_of_values_under_strict_and_unknown_resource_conditions() {
    let (code, v) = json(&["testdata/rules/CT-01/cfn-yaml-pass-if-one-true", "--rule", "CT-01"]);
    assert_eq!((code, findings(&v).len()), (0, 0));
    let (_, v) = json(&[
        "testdata/rules/CT-01/cfn-yaml-pass-if-one-true",
        "--rule",
        "CT-01",
        "--strict",
    ]);
    let msgs: Vec<&str> = findings(&v).iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("(unresolved: condition IsProd)")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("(unresolved: parameter Region)")),
        "{msgs:?}"
    );
    let (_, v) = json(&[
        "testdata/rules/CT-01/cfn-yaml-resource-conditions",
        "--rule",
        "CT-01",
        "--strict",
    ]);
    let msgs: Vec<&str> = findings(&v).iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(
        msgs.iter().any(|m| m.contains("exists only if condition Maybe")),
        "{msgs:?}"
    );
}

#[test]
fn nested_child_is_evaluated_through_its_parent_only() {
    let case = "testdata/rules/CT-01/cfn-yaml-nested-stack";
    let (_, v) = json(&[case, "--rule", "CT-01"]);
    assert_eq!(findings(&v).len(), 1, "{v:#}");
    let f = &findings(&v)[0];
    assert_eq!(f["context"], "nested stack Audit in parent.yaml");
    let related: Vec<(String, i64)> = f["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                Path::new(r["file"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
                r["start_line"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        related,
        [("parent.yaml".to_string(), 6), ("parent.yaml".to_string(), 17)]
    );
    // Scanning only the parent file loads the child it names.
    let (_, v) = json(&[&format!("{case}/parent.yaml"), "--rule", "CT-01"]);
    assert_eq!(findings(&v).len(), 1, "{v:#}");
    assert!(findings(&v)[0]["file"].as_str().unwrap().ends_with("stacks/child.yaml"));
    // The child alone is evaluated with its own defaults (true): no finding.
    let (_, v) = json(&[&format!("{case}/stacks/child.yaml"), "--rule", "CT-01"]);
    assert_eq!(findings(&v).len(), 0, "{v:#}");
}

#[test]
fn links_survive_intrinsics_and_documents_parse_from_strings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "t.yaml",
        "AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Use:
    Type: String
Conditions:
  C: !Equals [!Ref Use, 'yes']
Resources:
  Group:
    Type: AWS::Logs::LogGroup
  Key:
    Type: AWS::KMS::Key
  BySub:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      CloudWatchLogsLogGroupArn: !Sub '${Group.Arn}:*'
      KMSKeyId: !If [C, !GetAtt Key.Arn, !Ref Key]
  ByJoin:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      CloudWatchLogsLogGroupArn: !Join ['', [!GetAtt Group.Arn, ':*']]
      KMSKeyId: !If [C, !GetAtt Key.Arn, !Ref AWS::NoValue]
",
    );
    let out = scan(&Options {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    })
    .unwrap();
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let id = |name: &str| out.model.resources.iter().position(|r| r.address == name).unwrap();
    for t in &out.model.trails {
        let g = t.cloudwatch_log_group.get().and_then(|l| l.target).map(|r| r.0);
        assert_eq!(g, Some(id("Group")), "{}", out.model.resource(t.id).address);
    }
    let by_sub = &out.model.trails[0];
    assert_eq!(
        by_sub.kms_key.get().and_then(|l| l.target).map(|r| r.0),
        Some(id("Key"))
    );
    let by_join = &out.model.trails[1];
    assert_eq!(by_join.kms_key.unresolved(), Some("condition C"));

    // A JSON string property becomes structure, spans at the string.
    use blindspot::frontend::{EVal, V};
    let s = EVal::new(V::Str("{\"detail\": {\"eventName\": [\"StopLogging\"]}}".into()), None);
    let d = s.as_document().unwrap();
    let names = d.get("detail").unwrap().val.get("eventName").unwrap();
    assert!(matches!(&names.val.v, V::List(items) if items[0].as_text().as_deref() == Some("StopLogging")));
}

/// One classifier (issue 10 item 8): a `.yaml` nested stack template whose text starts with
/// `{` is JSON, whether the scan discovers it or loads it through its parent only.
#[test]
fn json_bodied_yaml_child_reads_the_same_discovered_or_through_its_parent() {
    let dir = tempfile::tempdir().unwrap();
    let parent = write(
        dir.path(),
        "parent.yaml",
        "AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Audit:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./stacks/child.yaml
      Parameters:
        Multi: 'false'
",
    );
    let child = "{
  \"AWSTemplateFormatVersion\": \"2010-09-09\",
  \"Parameters\": {\"Multi\": {\"Type\": \"String\", \"Default\": \"true\"}},
  \"Resources\": {
    \"Trail\": {
      \"Type\": \"AWS::CloudTrail::Trail\",
      \"Properties\": {
        \"IsLogging\": true,
        \"S3BucketName\": \"logs\",
        \"IsMultiRegionTrail\": {\"Ref\": \"Multi\"}
      }
    }
  }
}
";
    write(dir.path(), "stacks/child.yaml", child);
    let shown = |v: &serde_json::Value| -> Vec<(String, String, i64, i64)> {
        findings(v)
            .iter()
            .map(|f| {
                let file = f["file"].as_str().unwrap();
                (
                    f["rule_id"].as_str().unwrap_or_default().to_string(),
                    file[file.len() - "stacks/child.yaml".len()..].to_string(),
                    f["start_line"].as_i64().unwrap(),
                    f["start_column"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let root = dir.path().to_str().unwrap();
    let (_, whole) = json(&[root, "--rule", "CT-01"]);
    let (_, alone) = json(&[&parent, "--rule", "CT-01"]);
    assert_eq!(shown(&whole), shown(&alone), "{whole:#}\n{alone:#}");
    assert_eq!(shown(&whole).len(), 1, "{whole:#}");
    assert_eq!(shown(&whole)[0].2, 10);

    // Text YAML reads but JSON does not (a `#` comment): the same error either way.
    write(
        dir.path(),
        "stacks/child.yaml",
        &child.replace("\"Resources\"", "# a comment\n  \"Resources\""),
    );
    let errors = |v: &serde_json::Value| -> Vec<String> {
        v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| format!("{}:{}", e["start_line"], e["message"]))
            .collect()
    };
    let (code_whole, whole) = json(&[root, "--rule", "CT-01"]);
    let (code_alone, alone) = json(&[&parent, "--rule", "CT-01"]);
    assert_eq!(
        (code_whole, errors(&whole)),
        (code_alone, errors(&alone)),
        "{whole:#}\n{alone:#}"
    );
    assert!(!errors(&whole).is_empty(), "{whole:#}");
}
