//! The config keys of the service rules (services.md section 2): `eks_required_log_types`,
//! `provided_elsewhere`, `enable` and opt-in rules, through the library and the binary;
//! and the undecided rows of the service rules under `--strict`.

use std::path::{Path, PathBuf};
use std::process::Command;

use blindspot::scan::{Options, scan};

fn case(rule: &str, case: &str) -> PathBuf {
    Path::new("testdata/rules").join(rule).join(case)
}

/// Rule ids of the findings of one scan.
fn ids(opts: Options) -> Vec<String> {
    let out = scan(&opts).unwrap();
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    out.findings.iter().map(|f| f.rule_id.to_string()).collect()
}

fn messages(opts: Options) -> Vec<String> {
    scan(&opts)
        .unwrap()
        .findings
        .iter()
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn eks_required_log_types_changes_what_eks_01_requires() {
    let opts = |types: Option<Vec<&str>>| Options {
        paths: vec![case("EKS-01", "tf-pass")],
        only: vec!["EKS-01".into()],
        eks_required_log_types: types.map(|t| t.into_iter().map(String::from).collect()),
        ..Default::default()
    };
    assert!(ids(opts(None)).is_empty());
    let all = vec!["api", "audit", "authenticator", "controllerManager", "scheduler"];
    let m = messages(opts(Some(all)));
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("does not send control plane log types controllerManager, scheduler"),
        "{m:?}"
    );
    assert!(ids(opts(Some(vec!["api"]))).is_empty());
}

#[test]
fn provided_elsewhere_silences_the_account_rules_it_names() {
    for (rule, dir, service) in [
        ("DET-00", case("DET-00", "tf-fail"), "guardduty"),
        ("DET-02", case("DET-02", "tf-fail"), "securityhub"),
        ("CT-00", case("CT-00", "tf-fail-no-trail"), "cloudtrail"),
        ("CFG-00", case("CFG-00", "tf-fail"), "config"),
    ] {
        let opts = |provided: Vec<String>| Options {
            paths: vec![dir.clone()],
            account: true,
            only: vec![rule.into()],
            provided_elsewhere: provided,
            ..Default::default()
        };
        assert_eq!(ids(opts(Vec::new())), vec![rule.to_string()], "{rule}");
        assert!(ids(opts(vec![service.into()])).is_empty(), "{rule}");
        // Another service does not silence it.
        let other = if service == "config" { "guardduty" } else { "config" };
        assert_eq!(ids(opts(vec![other.into()])), vec![rule.to_string()], "{rule}");
    }
}

#[test]
fn opt_in_rules_run_only_when_named() {
    let dir = case("DNS-02", "tf-fail");
    let dns02 = |o: Options| ids(o).iter().filter(|i| *i == "DNS-02").count();
    let base = || Options {
        paths: vec![dir.clone()],
        ..Default::default()
    };
    assert_eq!(dns02(base()), 0, "DNS-02 is off by default");
    assert_eq!(
        dns02(Options {
            enable: vec!["DNS-02".into()],
            ..base()
        }),
        2
    );
    assert_eq!(
        dns02(Options {
            enable: vec!["vpc-resolver-query-logging-missing".into()],
            ..base()
        }),
        2
    );
    assert_eq!(
        dns02(Options {
            only: vec!["DNS-02".into()],
            ..base()
        }),
        2
    );
    // `enable` does not override `rules`/`--rule`, nor `skip`.
    assert_eq!(
        dns02(Options {
            only: vec!["VPC-01".into()],
            enable: vec!["DNS-02".into()],
            ..base()
        }),
        0
    );
    assert_eq!(
        dns02(Options {
            enable: vec!["DNS-02".into()],
            skip: vec!["DNS-02".into()],
            ..base()
        }),
        0
    );
    assert!(
        scan(&Options {
            enable: vec!["DNS-99".into()],
            ..base()
        })
        .is_err()
    );
}

#[test]
fn undecided_service_checks_say_what_was_undecided_under_strict() {
    for (rule, dir, account, needle) in [
        ("DB-01", "tf-pass-unknown", false, "var.engine"),
        ("DB-01", "tf-pass-unknown", false, "var.exports"),
        ("EKS-01", "tf-pass-unknown", false, "var.log_types"),
        ("DET-01", "tf-pass-unknown", false, "var.enable_guardduty"),
        ("DET-00", "tf-pass-module-not-downloaded", true, "not resolved"),
        ("OS-01", "tf-pass-unknown", false, "var.audit_enabled"),
        ("OS-01", "cfn-yaml-pass-unknown", false, "AUDIT_LOGS.Enabled is not set"),
        (
            "OS-01",
            "tf-pass-unknown",
            false,
            "the engine version, which decides whether",
        ),
        ("OS-01", "tf-pass-unknown", false, "var.engine_version"),
        (
            "OS-01",
            "cfn-yaml-pass-unknown",
            false,
            "the engine version, which decides whether",
        ),
        ("DB-01", "tf-pass-unknown", false, "engine is not set"),
        ("DB-01", "cfn-yaml-pass-unknown", false, "Engine is not set"),
        ("DB-01", "cfn-yaml-pass-unknown", false, "Engine"),
        (
            "LB-01",
            "tf-pass-unknown-dynamic-block",
            false,
            "dynamic \"access_logs\" block with unknown for_each (var.access_logs)",
        ),
        (
            "DNS-01",
            "tf-pass-unknown",
            false,
            "the zone of aws_route53_query_log.some is not known",
        ),
        (
            "DNS-02",
            "tf-pass-unknown",
            false,
            "the VPC of aws_route53_resolver_query_log_config_association.some is not known",
        ),
        (
            "RS-01",
            "tf-pass-unknown",
            false,
            "the cluster of aws_redshift_logging.some is not known",
        ),
        ("RS-01", "cfn-yaml-pass-unknown", false, "LoggingProperties is empty"),
        (
            "NFW-01",
            "tf-pass-unknown",
            false,
            "the firewall of aws_networkfirewall_logging_configuration.some is not known",
        ),
        ("BRK-01", "tf-pass-unknown", false, "var.general"),
    ] {
        let opts = |strict: bool| Options {
            paths: vec![case(rule, dir)],
            account,
            strict,
            only: vec![rule.into()],
            ..Default::default()
        };
        assert!(messages(opts(false)).is_empty(), "{rule}/{dir}");
        let m = messages(opts(true));
        assert!(
            m.iter().any(|m| m.contains("(unresolved: ") && m.contains(needle)),
            "{rule}/{dir}: {m:?}"
        );
    }
}

fn blindspot(dir: &Path, args: &[&str]) -> (i32, String, String) {
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
fn bad_service_keys_are_located_config_errors() {
    for (yaml, located) in [
        (
            "eks_required_log_types: [audit, controller]\n",
            ".blindspot.yml:1:33: `eks_required_log_types` \"controller\" is not one of",
        ),
        (
            "provided_elsewhere:\n  - cloudtrail\n  - inspector\n",
            ".blindspot.yml:3:5: `provided_elsewhere` \"inspector\" is not one of",
        ),
        (
            "data_events: some_buckets\n",
            ".blindspot.yml:1:14: `data_events` must be one of any, all_buckets",
        ),
        (
            "enable: [DNS-2]\n",
            ".blindspot.yml:1:10: `enable` names an unknown rule \"DNS-2\"",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".blindspot.yml"), yaml).unwrap();
        std::fs::write(dir.path().join("main.tf"), "resource \"aws_vpc\" \"v\" {\n}\n").unwrap();
        let (code, _, stderr) = blindspot(dir.path(), &["scan", "."]);
        assert_eq!(code, 2, "{yaml}: {stderr}");
        assert!(stderr.contains(located), "{yaml}: {stderr}");
    }
}

#[test]
fn config_keys_reach_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".blindspot.yml"),
        "account: true\nenable: [DNS-02]\nprovided_elsewhere: [guardduty, securityhub, cloudtrail, config]\n\
         eks_required_log_types: [api]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\n\
         resource \"aws_eks_cluster\" \"c\" {\n  name = \"c\"\n  role_arn = \"arn:aws:iam::111122223333:role/eks\"\n  \
         enabled_cluster_log_types = [\"audit\"]\n  vpc_config {\n    subnet_ids = [\"subnet-1\"]\n  }\n}\n",
    )
    .unwrap();
    let (_, stdout, stderr) = blindspot(dir.path(), &["scan", ".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().or(f["rule"].as_str()).unwrap_or(""))
        .collect();
    assert!(rules.contains(&"DNS-02"), "{rules:?}");
    assert!(rules.contains(&"EKS-01"), "{rules:?}");
    for silenced in ["DET-00", "DET-02", "CT-00", "CFG-00"] {
        assert!(!rules.contains(&silenced), "{silenced}: {rules:?}");
    }
}

#[test]
fn vpc_covered_by_subnet_flow_logs_only_gets_a_note() {
    for (dir, vpc) in [
        ("tf-pass-all-subnets-have-flow-logs", "aws_vpc.main"),
        ("cfn-yaml-pass-all-subnets-have-flow-logs", "Vpc"),
        ("cfn-json-pass-all-subnets-have-flow-logs", "Vpc"),
    ] {
        let out = scan(&Options {
            paths: vec![case("VPC-01", dir)],
            only: vec!["VPC-01".into()],
            ..Default::default()
        })
        .unwrap();
        assert!(out.findings.is_empty(), "{dir}");
        let want = format!(
            "VPC {vpc} is covered by subnet flow logs only; Security Hub EC2.6 and Config vpc-flow-logs-enabled check VPC-level flow logs, so they will report it."
        );
        assert!(out.notes.iter().any(|n| n.message == want), "{dir}: {:?}", out.notes);
    }
    // Not when VPC-01 is not selected, nor for a VPC with its own flow log.
    let out = scan(&Options {
        paths: vec![case("VPC-01", "tf-pass-all-subnets-have-flow-logs")],
        only: vec!["VPC-02".into()],
        ..Default::default()
    })
    .unwrap();
    assert!(!out.notes.iter().any(|n| n.message.contains("subnet flow logs only")));
    let out = scan(&Options {
        paths: vec![case("VPC-01", "tf-pass")],
        only: vec!["VPC-01".into()],
        ..Default::default()
    })
    .unwrap();
    assert!(!out.notes.iter().any(|n| n.message.contains("subnet flow logs only")));
}

/// services.md §4.2 "Account note": with `--account`, once APIGW-02 has evaluated a stage,
/// a scan without the account-level CloudWatch role gets the note (never a finding).
#[test]
fn apigw_02_account_note_when_no_account_cloudwatch_role() {
    const NOTE: &str = "API Gateway writes execution logs with the CloudWatch role of the account settings; none is set in this baseline.";
    let notes = |dir: PathBuf, account: bool, only: &str| -> (usize, Vec<String>) {
        let out = scan(&Options {
            paths: vec![dir],
            account,
            only: vec![only.into()],
            ..Default::default()
        })
        .unwrap();
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let notes = out
            .notes
            .iter()
            .map(|n| n.message.clone())
            .filter(|m| m == NOTE)
            .collect();
        (out.findings.len(), notes)
    };
    // Stages evaluated, no account settings: the note, in both languages, and no finding.
    for dir in [
        case("APIGW-02", "tf-pass"),
        case("APIGW-02", "cfn-yaml-pass"),
        case("APIGW-02", "cfn-json-pass"),
        case("APIGW-02", "tf-pass-account-no-role"),
    ] {
        assert_eq!(
            notes(dir.clone(), true, "APIGW-02"),
            (0, vec![NOTE.to_string()]),
            "{dir:?}"
        );
        // Without --account the scan is not the baseline: no note.
        assert_eq!(notes(dir.clone(), false, "APIGW-02").1.len(), 0, "{dir:?}");
        // APIGW-02 not selected: it evaluated nothing, so no note.
        assert_eq!(notes(dir.clone(), true, "APIGW-01").1.len(), 0, "{dir:?}");
    }
    // Failing stages are evaluated too.
    assert_eq!(notes(case("APIGW-02", "tf-fail"), true, "APIGW-02").1.len(), 1);
    // The account settings name a role (a reference, so its value is unknown): no note.
    for dir in [
        case("APIGW-02", "tf-pass-account-role"),
        case("APIGW-02", "cfn-yaml-pass-account-role"),
        case("APIGW-02", "cfn-json-pass-account-role"),
    ] {
        assert_eq!(notes(dir.clone(), true, "APIGW-02"), (0, Vec::new()), "{dir:?}");
    }
    // No stage evaluated (HTTP APIs only, or no API at all): no note.
    assert!(notes(case("CT-00", "tf-fail-no-trail"), true, "APIGW-02").1.is_empty());
}
