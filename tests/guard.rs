//! Guard policies (issue 15): a policy folder on Terraform and CloudFormation fixtures
//! (exact rule, file, line), malformed policies, hostile templates, suppressions, SARIF,
//! and the agreement of `policies/guard/` with the built-in rules they restate.
#![cfg(feature = "guard")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use blindspot::scan::{Options, ScanOutput, scan};

type Found = BTreeMap<(String, String, u32), usize>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `# expect: A, B` on a line (or alone on the line above it) in every file below `dir`.
fn expectations(dir: &Path) -> Found {
    let mut out = Found::new();
    for path in files_below(dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        let shown = path.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let Some(at) = l.find("expect:") else { continue };
            let standalone = l[..at].trim_start().trim_start_matches('#').trim().is_empty();
            let target = if standalone { i + 2 } else { i + 1 };
            for id in l[at + 7..]
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty() && *s != "none")
            {
                *out.entry((id.to_string(), shown.clone(), target as u32)).or_default() += 1;
            }
        }
    }
    out
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

fn run(paths: Vec<PathBuf>, policies: Vec<PathBuf>, only: Vec<String>, strict: bool) -> ScanOutput {
    scan(&Options {
        paths,
        policies,
        only,
        strict,
        today: Some("2026-01-01".into()),
        ..Default::default()
    })
    .unwrap()
}

fn found(out: &ScanOutput, guard_only: bool) -> Found {
    let mut got = Found::new();
    for f in &out.findings {
        if guard_only && !f.rule_id.starts_with("GUARD:") {
            continue;
        }
        let file = out.file(f.span.file);
        let line = file.position(f.span.start).line;
        let path = file.path.trim_start_matches("./").to_string();
        *got.entry((f.rule_id.to_string(), path, line)).or_default() += 1;
    }
    got
}

/// `testdata/...` of a found or expected place, wherever the checkout is.
fn relative(m: Found) -> Found {
    m.into_iter()
        .map(|((r, f, l), n)| {
            let f = f
                .split_once("testdata/")
                .map_or(f.clone(), |(_, t)| format!("testdata/{t}"));
            ((r, f, l), n)
        })
        .collect()
}

/// Runs `policy` on the fixture directory `case` and checks the exact Guard findings (rule,
/// file, line) against its `# expect:` comments; returns how many were expected.
fn assert_exact_guard_findings(case: &str, policy: &str, strict: bool) -> usize {
    let out = run(vec![root().join(case)], vec![root().join(policy)], Vec::new(), strict);
    assert!(out.errors.is_empty(), "{case}: {:?}", out.errors);
    let want = relative(expectations(&root().join(case)));
    assert_eq!(relative(found(&out, true)), want, "{case}");
    want.values().sum()
}

#[test]
fn policy_folder_on_terraform_and_cloudformation() {
    for case in ["testdata/guard/cases/cfn", "testdata/guard/cases/tf"] {
        assert!(assert_exact_guard_findings(case, "testdata/guard/policies", false) > 0);
    }
}

#[test]
fn kinds_are_projected_with_their_cloudformation_types_and_names() {
    // One Guard rule per kind (API Gateway stage, RDS, OpenSearch, CloudFront, S3 with a
    // split versioning resource, SNS), written against CloudFormation names, on both
    // languages: the exact findings (rule, file, line).
    for case in ["testdata/guard/kinds/cfn", "testdata/guard/kinds/tf"] {
        assert_eq!(
            assert_exact_guard_findings(case, "testdata/guard/kinds/kinds.guard", false),
            6,
            "{case}"
        );
    }
}

#[test]
fn terraform_references_join_as_cloudformation_intrinsics() {
    // `Ref` (a bucket's id), `Fn::GetAtt` (a log group's arn) and `Fn::Sub` ("${...arn}:*")
    // join a trail to its bucket and log group, as the same rules would on CloudFormation.
    let case = "testdata/guard/joins/tf";
    let policy = "testdata/guard/joins/joins.guard";
    assert_eq!(assert_exact_guard_findings(case, policy, false), 4);
    // A clause that fails on the intrinsic itself (the value is still unknown) is decided
    // only with --strict, and says so.
    let strict = run(vec![root().join(case)], vec![root().join(policy)], Vec::new(), true);
    let mut undecided: Vec<String> = strict
        .findings
        .iter()
        .filter(|f| f.rule_id == "GUARD:JOIN_LITERAL_LOG_GROUP_ARN" && f.message.contains("(unresolved: "))
        .map(|f| f.message.clone())
        .collect();
    undecided.sort();
    assert_eq!(
        undecided,
        [
            "trails deliver to a log group in eu-west-1 (unresolved: decided without aws_cloudtrail.getatt/Properties/CloudWatchLogsLogGroupArn, unknown: aws_cloudwatch_log_group.by_getatt.arn)",
            "trails deliver to a log group in eu-west-1 (unresolved: decided without aws_cloudtrail.kept/Properties/CloudWatchLogsLogGroupArn, unknown: aws_cloudwatch_log_group.kept.arn)",
            "trails deliver to a log group in eu-west-1 (unresolved: decided without aws_cloudtrail.sub/Properties/CloudWatchLogsLogGroupArn, unknown: aws_cloudwatch_log_group.by_sub.arn)",
        ]
    );
}

#[test]
fn guard_findings_carry_severity_resource_and_message() {
    let mut opts = Options {
        paths: vec![root().join("testdata/guard/cases/tf")],
        policies: vec![root().join("testdata/guard/policies")],
        ..Default::default()
    };
    opts.policy_severity
        .insert("ORG_TRAIL_NAMING".into(), blindspot::policy::Severity::High);
    let out = scan(&opts).unwrap();
    let naming: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.rule_id == "GUARD:ORG_TRAIL_NAMING")
        .collect();
    assert_eq!(naming.len(), 1);
    let f = naming[0];
    assert_eq!(f.severity, blindspot::policy::Severity::High);
    assert_eq!(f.message, "trail names start with \"org-\" and use lower case");
    assert_eq!(f.resource.as_deref(), Some("aws_cloudtrail.bad"));
    assert_eq!(f.instances, vec!["aws_cloudtrail.bad[0]", "aws_cloudtrail.bad[1]"]);
    assert_eq!(f.attribute, "TrailName");
    let other = out
        .findings
        .iter()
        .find(|f| f.rule_id == "GUARD:ORG_LOG_GROUP_400_DAYS")
        .unwrap();
    assert_eq!(other.severity, blindspot::policy::Severity::Medium);
    // The SARIF rules[] list the Guard rules, with their text as help.
    let sarif: serde_json::Value = serde_json::from_str(&blindspot::report::sarif::render(&out)).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = rules.iter().find(|r| r["id"] == "GUARD:ORG_TRAIL_NAMING").unwrap();
    assert!(
        rule["help"]["text"]
            .as_str()
            .unwrap()
            .starts_with("rule ORG_TRAIL_NAMING when")
    );
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "GUARD:ORG_TRAIL_NAMING")
        .unwrap();
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "GUARD:ORG_TRAIL_NAMING");
}

#[test]
fn unknown_values_decide_only_under_strict() {
    let case = root().join("testdata/guard/cases/tf");
    let policies = vec![root().join("testdata/guard/policies")];
    let lenient = run(vec![case.clone()], policies.clone(), Vec::new(), false);
    let strict = run(vec![case], policies, Vec::new(), true);
    let unknown = |out: &ScanOutput| -> Vec<String> {
        out.findings
            .iter()
            .filter(|f| f.resource.as_deref() == Some("aws_cloudwatch_log_group.unknown"))
            .map(|f| f.message.clone())
            .collect()
    };
    assert!(unknown(&lenient).is_empty());
    let m = unknown(&strict);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("(unresolved: decided without aws_cloudwatch_log_group.unknown/Properties/RetentionInDays"),
        "{m:?}"
    );
}

#[test]
fn rule_selection_and_metadata_suppressions() {
    let case = root().join("testdata/guard/cases/cfn");
    let policies = vec![root().join("testdata/guard/policies")];
    let out = run(
        vec![case.clone()],
        policies.clone(),
        vec!["GUARD:ORG_TRAIL_NAMING".into()],
        false,
    );
    assert!(out.findings.iter().all(|f| f.rule_id == "GUARD:ORG_TRAIL_NAMING"));
    assert_eq!(out.findings.len(), 1);
    // `Metadata: guard: SuppressedRules` hides the Legacy trail's findings, as cfn-guard's
    // registry rules honour it; they are listed as suppressed.
    let hidden: Vec<_> = out.suppressed.iter().filter(|s| s.kind == "guard-metadata").collect();
    assert_eq!(hidden.len(), 1, "{:?}", out.suppressed);
    assert_eq!(hidden[0].finding.resource.as_deref(), Some("Legacy"));
}

#[test]
fn inline_suppressions_and_baselines_apply_to_guard_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"aws_cloudtrail\" \"t\" {\n  # blindspot:ignore GUARD:ORG_TRAIL_NAMING legacy name, renamed in Q3\n  name           = \"Legacy\"\n  s3_bucket_name = \"org-logs\"\n}\n",
    )
    .unwrap();
    let out = run(
        vec![dir.path().to_path_buf()],
        vec![root().join("testdata/guard/policies/org.guard")],
        vec![
            "GUARD:ORG_TRAIL_NAMING".into(),
            "GUARD:ORG_TRAIL_BUCKET_IN_STACK".into(),
        ],
        false,
    );
    assert_eq!(out.suppressed.len(), 1, "{:?}", out.findings);
    assert_eq!(out.suppressed[0].finding.rule_id, "GUARD:ORG_TRAIL_NAMING");
    assert_eq!(out.findings.len(), 1);
    assert_eq!(out.findings[0].rule_id, "GUARD:ORG_TRAIL_BUCKET_IN_STACK");
    // A baseline recording the finding hides it.
    let b = blindspot::baseline::record(&out);
    let mut again = run(
        vec![dir.path().to_path_buf()],
        vec![root().join("testdata/guard/policies/org.guard")],
        vec![
            "GUARD:ORG_TRAIL_NAMING".into(),
            "GUARD:ORG_TRAIL_BUCKET_IN_STACK".into(),
        ],
        false,
    );
    blindspot::baseline::apply(&mut again, &b);
    assert!(again.findings.is_empty());
    assert_eq!(again.baselined, 1);
}

fn blindspot(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn malformed_policy_is_a_located_error_and_builtin_rules_still_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.guard"),
        "rule FINE {\n  Resources exists\n}\n\nrule BROKEN {\n  Resources.* {{ nope\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("t.yaml"),
        "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n",
    )
    .unwrap();
    let (code, out, err) = blindspot(
        &[
            "scan",
            "--policy",
            "bad.guard",
            "--format",
            "compact",
            "--no-progress",
            "t.yaml",
        ],
        dir.path(),
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("bad.guard:6:12: error invalid Guard policy"), "{out}{err}");
    assert!(out.contains("t.yaml:2:3: high CT-01"), "{out}{err}");
}

#[test]
fn hostile_templates_never_reach_cfn_guards_yaml_loader() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.guard"), "rule ANY {\n  Resources exists\n}\n").unwrap();
    // Deeper than serde_json's recursion limit (cfn-guard would fall back to its YAML
    // loader) but within blindspot's own bound: a located error, the scan goes on.
    let depth = 150;
    let mut nested = String::from("x");
    for _ in 0..depth {
        nested = format!("[{nested}]");
    }
    std::fs::write(
        dir.path().join("deep.yaml"),
        format!("Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      Tags: {nested}\n"),
    )
    .unwrap();
    // Far deeper than any bound (the 10 KB, 5,000-level shape that once exhausted memory).
    let mut deeper = String::from("x");
    for _ in 0..5_000 {
        deeper = format!("[{deeper}]");
    }
    std::fs::write(
        dir.path().join("deeper.yaml"),
        format!("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::S3::Bucket\n    Properties: {deeper}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ok.yaml"),
        "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n",
    )
    .unwrap();
    let start = std::time::Instant::now();
    let (code, out, err) = blindspot(
        &[
            "scan",
            "--policy",
            "p.guard",
            "--format",
            "compact",
            "--no-progress",
            ".",
        ],
        dir.path(),
    );
    assert!(start.elapsed().as_secs() < 60);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("deep.yaml:5:110: error the document nests deeper than 100 levels"),
        "{out}{err}"
    );
    assert!(out.contains("deeper.yaml:"), "{out}{err}");
    assert!(out.contains("ok.yaml:2:3: high CT-01"), "{out}{err}");
}

/// Which Guard rules of `policies/guard/` restate which built-in rule.
const RESTATED: &[(&str, &[&str])] = &[
    ("CT-01", &["GUARD:CT_01_TRAIL_MULTI_REGION"]),
    ("CT-02", &["GUARD:CT_02_TRAIL_LOG_FILE_VALIDATION"]),
    ("S3-05", &["GUARD:S3_05_LOG_BUCKET_VERSIONING"]),
    ("CW-01", &["GUARD:CW_01_SECURITY_LOG_GROUP_RETENTION"]),
];

/// Fixtures where the Guard restatement and the built-in rule disagree, and why: Guard
/// judges the CloudFormation template as written (docs/guard.md "Agreement"). The test fails when a listed fixture
/// agrees (so the list only shrinks) or an unlisted one differs.
const DISAGREE: &[(&str, &str)] = &[
    (
        "CT-01/cfn-json-fail-if-both-false",
        "CloudFormation intrinsics: the built-in rule evaluates Fn::If/Ref/FindInMap/parameters; Guard sees the template as written",
    ),
    (
        "CT-01/cfn-json-fail-intrinsics",
        "CloudFormation intrinsics: the built-in rule evaluates Fn::If/Ref/FindInMap/parameters; Guard sees the template as written",
    ),
    (
        "CT-01/cfn-json-pass-if-one-true",
        "CloudFormation intrinsics: the built-in rule evaluates Fn::If/Ref/FindInMap/parameters; Guard sees the template as written",
    ),
    (
        "CT-01/cfn-json-resource-conditions",
        "resource Conditions: the built-in rule reports a conditional resource only when its condition holds; Guard sees every resource",
    ),
    (
        "CT-01/cfn-yaml-fail-if-both-false",
        "CloudFormation intrinsics: the built-in rule evaluates Fn::If/Ref/FindInMap/parameters; Guard sees the template as written",
    ),
    (
        "CT-01/cfn-yaml-fail-intrinsics",
        "CloudFormation intrinsics: the built-in rule evaluates Fn::If/Ref/FindInMap/parameters; Guard sees the template as written",
    ),
    (
        "CT-01/cfn-yaml-pass-if-one-true",
        "CloudFormation intrinsics: the built-in rule evaluates Fn::If/Ref/FindInMap/parameters; Guard sees the template as written",
    ),
    (
        "CT-01/cfn-yaml-pass-unknown-param",
        "an unknown parameter value: the built-in rule stays silent; Guard sees a {Ref} where it wants true",
    ),
    (
        "CT-01/cfn-yaml-resource-conditions",
        "resource Conditions: the built-in rule reports a conditional resource only when its condition holds; Guard sees every resource",
    ),
];

/// (file, line) of the findings of `rules` in one fixture directory.
fn places(out: &ScanOutput, rules: &[&str]) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = out
        .findings
        .iter()
        .filter(|f| rules.contains(&f.rule_id))
        .map(|f| {
            let file = out.file(f.span.file);
            (file.path.clone(), file.position(f.span.start).line)
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn guard_restatements_agree_with_the_builtin_rules() {
    let policies = vec![root().join("policies/guard")];
    let mut differ = Vec::new();
    let mut agreed = 0;
    for (rule, guard) in RESTATED {
        for case in std::fs::read_dir(root().join("testdata/rules").join(rule)).unwrap() {
            let case = case.unwrap().path();
            if !case.is_dir() {
                continue;
            }
            let name = format!("{rule}/{}", case.file_name().unwrap().to_string_lossy());
            let builtin = run(vec![case.clone()], Vec::new(), vec![rule.to_string()], false);
            let g = run(
                vec![case.clone()],
                policies.clone(),
                guard.iter().map(|s| s.to_string()).collect(),
                false,
            );
            let (a, b) = (places(&builtin, &[rule]), places(&g, guard));
            if a == b {
                agreed += 1;
            } else {
                differ.push((name, a, b));
            }
        }
    }
    differ.sort();
    let listed: Vec<&str> = DISAGREE.iter().map(|(n, _)| *n).collect();
    let unexpected: Vec<_> = differ
        .iter()
        .filter(|(n, _, _)| !listed.contains(&n.as_str()))
        .collect();
    let now_agree: Vec<_> = listed
        .iter()
        .filter(|n| !differ.iter().any(|(d, _, _)| d == *n))
        .collect();
    let names: Vec<&str> = unexpected.iter().map(|(n, _, _)| n.as_str()).collect();
    assert!(
        unexpected.is_empty() && now_agree.is_empty(),
        "{agreed} fixtures agree; unexpected differences in {names:?}: {unexpected:#?}; listed but agreeing: {now_agree:?}"
    );
}
