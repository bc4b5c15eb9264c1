//! The pattern engines against the canonical CloudTrail events of the CIS AWS Foundations
//! monitoring controls 4.1-4.15 (`policies/cis-monitoring-events.json`): the CIS / Security Hub
//! reference metric filters and typical EventBridge rules must match every event of their
//! control; equivalent rewrites must too; near-misses (including real ones from the corpus)
//! must leave at least one event unmatched.

use std::sync::OnceLock;

use blindspot::patterns::{EventPattern, FilterPattern, eventbridge_envelope};
use serde_json::{Value, json};

const EVENTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/policies/cis-monitoring-events.json"
));

fn controls() -> &'static [Value] {
    static CONTROLS: OnceLock<Vec<Value>> = OnceLock::new();
    CONTROLS.get_or_init(|| {
        let all: Value = serde_json::from_str(EVENTS).expect("cis-monitoring-events.json is JSON");
        all["controls"].as_array().expect("controls").clone()
    })
}

/// The canonical events of one control ("4.5"), as CloudTrail records.
fn events(cis: &str) -> &'static [Value] {
    let control = controls()
        .iter()
        .find(|c| c["cis"] == cis)
        .unwrap_or_else(|| panic!("no control {cis}"));
    let events = control["events"].as_array().expect("events");
    assert!(!events.is_empty(), "control {cis} has events");
    events
}

fn all_controls() -> Vec<String> {
    controls()
        .iter()
        .map(|c| c["cis"].as_str().expect("cis").to_string())
        .collect()
}

fn name(event: &Value) -> String {
    format!(
        "{}/{}",
        event["eventSource"].as_str().unwrap_or("?"),
        event["eventName"].as_str().unwrap_or("?")
    )
}

/// The events of `cis` that the metric filter pattern does not match.
fn filter_misses(pattern: &str, cis: &str) -> Vec<String> {
    let pattern = FilterPattern::parse(pattern).unwrap_or_else(|e| panic!("{pattern:?} should parse: {e}"));
    events(cis).iter().filter(|e| !pattern.matches(e)).map(name).collect()
}

/// The events of `cis` that the EventBridge pattern does not match (in their EventBridge form).
fn rule_misses(pattern: &Value, cis: &str) -> Vec<String> {
    let pattern = EventPattern::parse(pattern).unwrap_or_else(|e| panic!("{pattern} should parse: {e}"));
    events(cis)
        .iter()
        .filter(|e| !pattern.matches(&eventbridge_envelope(e)))
        .map(name)
        .collect()
}

fn assert_filter_covers(cis: &str, pattern: &str) {
    let misses = filter_misses(pattern, cis);
    assert!(misses.is_empty(), "CIS {cis}: {pattern:?} does not match {misses:?}");
}

fn assert_filter_misses(cis: &str, pattern: &str, expected: &[&str]) {
    let misses = filter_misses(pattern, cis);
    assert!(
        !misses.is_empty(),
        "CIS {cis}: near-miss {pattern:?} unexpectedly matches every event"
    );
    for event in expected {
        assert!(
            misses.iter().any(|m| m.ends_with(event)),
            "CIS {cis}: {pattern:?} should miss {event}, misses {misses:?}"
        );
    }
}

/// CIS AWS Foundations Benchmark (v1.4 - v3.0, section 4; Security Hub CloudWatch.1-14)
/// reference metric filter patterns, several controls in more than one published version.
const REFERENCE_FILTERS: &[(&str, &str)] = &[
    (
        "4.1",
        r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }"#,
    ),
    (
        "4.1",
        r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }"#,
    ),
    (
        "4.2",
        r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }"#,
    ),
    (
        "4.2",
        r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#,
    ),
    (
        "4.3",
        r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#,
    ),
    (
        "4.4",
        "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||\
         ($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||\
         ($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||\
         ($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||\
         ($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||\
         ($.eventName=DetachGroupPolicy)}",
    ),
    (
        "4.5",
        "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || \
         ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
    ),
    (
        "4.6",
        r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#,
    ),
    (
        "4.7",
        "{ ($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
    ),
    (
        "4.8",
        "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || \
         ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || \
         ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || \
         ($.eventName = DeleteBucketReplication)) }",
    ),
    (
        "4.9",
        "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||\
         ($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }",
    ),
    (
        "4.10",
        "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || \
         ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || \
         ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
    ),
    (
        "4.11",
        "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || \
         ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || \
         ($.eventName = ReplaceNetworkAclAssociation) }",
    ),
    (
        "4.12",
        "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || \
         ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || \
         ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",
    ),
    (
        "4.13",
        "{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || \
         ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || \
         ($.eventName = DisassociateRouteTable) }",
    ),
    (
        "4.13",
        "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || \
         ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || \
         ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }",
    ),
    (
        "4.14",
        "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || \
         ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || \
         ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || \
         ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || \
         ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",
    ),
    (
        "4.15",
        r#"{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }"#,
    ),
];

#[test]
fn every_control_has_a_reference_filter() {
    for cis in all_controls() {
        assert!(
            REFERENCE_FILTERS.iter().any(|(c, _)| *c == cis),
            "no reference filter for CIS {cis}"
        );
    }
}

#[test]
fn reference_filters_match_every_canonical_event_of_their_control() {
    for (cis, pattern) in REFERENCE_FILTERS {
        assert_filter_covers(cis, pattern);
    }
}

#[test]
fn reference_filters_do_not_cover_other_controls() {
    for (cis, pattern) in REFERENCE_FILTERS {
        for other in all_controls().iter().filter(|other| other.as_str() != *cis) {
            let covers = filter_misses(pattern, other).is_empty();
            // The pre-v1.4 4.2 filter does not require a successful sign-in, so it also counts
            // the failed (MFA-less) sign-in of 4.6, in CloudWatch as here.
            let expected = *cis == "4.2" && other == "4.6" && !pattern.contains("Success");
            assert_eq!(
                covers, expected,
                "CIS {cis} filter {pattern:?} against the events of CIS {other}"
            );
        }
    }
}

#[test]
fn equivalent_rewrites_still_cover() {
    let rewrites: &[(&str, &str)] = &[
        // Reordered, re-quoted, re-spaced.
        (
            "4.5",
            "{($.eventName=\"StopLogging\")||($.eventName=\"StartLogging\")||($.eventName=\"DeleteTrail\")||\
             ($.eventName=\"UpdateTrail\")||($.eventName=\"CreateTrail\")}",
        ),
        (
            "4.5",
            "{\n  $.eventName = StopLogging ||\n  $.eventName = StartLogging ||\n  $.eventName = DeleteTrail ||\n  $.eventName = UpdateTrail ||\n  $.eventName = CreateTrail\n}",
        ),
        // The quickstart's "anything but reads" CloudTrail pattern.
        (
            "4.5",
            "{\n  ($.eventSource = cloudtrail.amazonaws.com) &&\n  (\n    ($.eventName != Describe*) &&\n    \
             ($.eventName != Get*) &&\n    ($.eventName != Lookup*) &&\n    ($.eventName != List*)\n  )\n}",
        ),
        // Term patterns match the serialized record.
        (
            "4.5",
            "?CreateTrail ?UpdateTrail ?DeleteTrail ?StartLogging ?StopLogging",
        ),
        ("4.5", "\"cloudtrail.amazonaws.com\""),
        // Wildcards.
        (
            "4.4",
            "{ ($.eventSource = iam.amazonaws.com) && ($.eventName = *Policy* ) }",
        ),
        (
            "4.4",
            "{ ($.eventName = *Policy) || ($.eventName = \"*PolicyVersion\") }",
        ),
        (
            "4.8",
            "{ $.eventSource = \"s3.amazonaws.com\" && ($.eventName = PutBucket* || $.eventName = DeleteBucket*) }",
        ),
        ("4.10", "{ $.eventName = *SecurityGroup* }"),
        ("4.11", "{ $.eventName = \"*NetworkAcl*\" }"),
        (
            "4.12",
            "{ ($.eventName = *CustomerGateway) || ($.eventName = *InternetGateway) }",
        ),
        ("4.14", "{ ($.eventName = *Vpc*) }"),
        (
            "4.9",
            "{ $.eventSource = config.amazonaws.com && ($.eventName = Put* || $.eventName = Delete* || $.eventName = Stop*) }",
        ),
        ("4.15", "{ $.eventSource = organizations.amazonaws.com }"),
        // Precedence-based rewrites (&& binds tighter than ||).
        (
            "4.7",
            "{ $.eventName = DisableKey && $.eventSource = kms.amazonaws.com || \
             $.eventName = ScheduleKeyDeletion && $.eventSource = kms.amazonaws.com }",
        ),
        (
            "4.7",
            "{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion) }",
        ),
        // Other published shapes of the same controls.
        (
            "4.1",
            r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") }"#,
        ),
        (
            "4.1",
            "{(($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\")) && (($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") && ($.eventName!=\"HeadBucket\"))}",
        ),
        (
            "4.2",
            r#"{ ($.additionalEventData.MFAUsed = "No") && ($.eventName = "ConsoleLogin") }"#,
        ),
        (
            "4.2",
            "{ $.eventName = ConsoleLogin && $.additionalEventData.MFAUsed != Yes && $.readOnly IS FALSE }",
        ),
        (
            "4.3",
            "{\n  ($.userIdentity.type = \"Root\") &&\n  ($.userIdentity.invokedBy NOT EXISTS) &&\n  ($.eventType != \"AwsServiceEvent\")\n}",
        ),
        (
            "4.3",
            "{$.userIdentity.type=\"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !=\"AwsServiceEvent\"}",
        ),
        (
            "4.6",
            "{ ($.eventName = ConsoleLogin) && ($.responseElements.ConsoleLogin = Failure) }",
        ),
        (
            "4.6",
            "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed*\") }",
        ),
        (
            "4.13",
            "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = *Route) || ($.eventName = *RouteTable) || ($.eventName = *RouteTableAssociation)) }",
        ),
    ];
    for (cis, pattern) in rewrites {
        assert_filter_covers(cis, pattern);
    }
}

#[test]
fn near_misses_leave_events_unmatched() {
    let near_misses: &[(&str, &str, &[&str])] = &[
        (
            "4.5",
            "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }",
            &["StopLogging"],
        ),
        ("4.5", "StopLogging", &["CreateTrail", "StartLogging"]),
        (
            "4.5",
            "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = deletetrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
            &["DeleteTrail"],
        ),
        ("4.5", "[eventVersion, eventTime, ...]", &["CreateTrail"]),
        // Exact instead of wildcard: misses "Client.UnauthorizedOperation" (the quickstart's pattern).
        (
            "4.1",
            "{\n  ($.errorCode=AccessDenied) ||\n  ($.errorCode=UnauthorizedOperation)\n}",
            &["RunInstances"],
        ),
        ("4.1", r#"{ ($.errorCode = "*UnauthorizedOperation") }"#, &["ListUsers"]),
        // Typo in the phrase (virtualjj's pattern).
        (
            "4.6",
            r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failedauthentication")}"#,
            &["ConsoleLogin"],
        ),
        (
            "4.6",
            r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "failed authentication")}"#,
            &["ConsoleLogin"],
        ),
        // `!=` on a field the event does not have is false (terraform-aws-modules' example).
        (
            "4.2",
            r#"{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.sessionContext.sessionIssuer.arn != "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*")}"#,
            &["ConsoleLogin"],
        ),
        (
            "4.2",
            r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed = "Yes") }"#,
            &["ConsoleLogin"],
        ),
        (
            "4.3",
            r#"{ $.userIdentity.type = "root" && $.userIdentity.invokedBy NOT EXISTS }"#,
            &["ConsoleLogin", "CreateAccessKey"],
        ),
        (
            "4.3",
            r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy IS NULL }"#,
            &["ConsoleLogin"],
        ),
        (
            "4.3",
            r#"{ $.userIdentity.type = "Root" && $.eventType = "AwsApiCall" }"#,
            &["ConsoleLogin"],
        ),
        // An interior '*' is literal in CloudWatch.
        (
            "4.4",
            "{ ($.eventName = Delete*Policy) || ($.eventName = Put*Policy) }",
            &["DeleteGroupPolicy", "PutRolePolicy"],
        ),
        (
            "4.4",
            "{ $.eventName = Delete* || $.eventName = Put* || $.eventName = Create* || $.eventName = Attach* }",
            &["DetachRolePolicy", "DetachUserPolicy", "DetachGroupPolicy"],
        ),
        // virtualjj's 4.4 pattern lists only ten of the sixteen calls.
        (
            "4.4",
            "{ ($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteUserPolicy)\n  || ($.eventName=PutGroupPolicy) || \
             ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy)\n  || ($.eventName=CreatePolicy) || \
             ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion)\n  || ($.eventName=DeletePolicyVersion)  || \
             ($.eventName=AttachRolePolicy) }",
            &[
                "DeleteRolePolicy",
                "DetachRolePolicy",
                "AttachUserPolicy",
                "DetachUserPolicy",
                "AttachGroupPolicy",
                "DetachGroupPolicy",
            ],
        ),
        (
            "4.7",
            "{ ($.eventSource = \"kms\") && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
            &["DisableKey"],
        ),
        // Precedence: this is DisableKey || (ScheduleKeyDeletion && source = "kms").
        (
            "4.7",
            "{ $.eventName = DisableKey || $.eventName = ScheduleKeyDeletion && $.eventSource = kms }",
            &["ScheduleKeyDeletion"],
        ),
        (
            "4.8",
            "{ ($.eventSource = s3.amazonaws.com) && ($.eventName = Put*) }",
            &["DeleteBucketPolicy"],
        ),
        (
            "4.13",
            "{ $.eventSource = ec2.amazonaws.com && $.eventName = CreateRoute || $.eventName = CreateRouteTable }",
            &["ReplaceRoute"],
        ),
        (
            "4.14",
            "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) }",
            &["AcceptVpcPeeringConnection"],
        ),
        (
            "4.15",
            "{ $.eventSource = organizations.amazonaws.com && $.eventName = *Policy }",
            &["AcceptHandshake"],
        ),
    ];
    for (cis, pattern, expected) in near_misses {
        assert_filter_misses(cis, pattern, expected);
    }
}

#[test]
fn corpus_patterns_parse_and_cover_as_expected() {
    // (control, pattern, covers?) for patterns copied from shared/corpus.
    let corpus: &[(&str, &str, bool)] = &[
        // widdix/aws-cf-templates security/cloudtrail.yaml
        (
            "4.1",
            r#"{($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")}"#,
            true,
        ),
        (
            "4.2",
            r#"{($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes")}"#,
            true,
        ),
        (
            "4.3",
            r#"{$.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent"}"#,
            true,
        ),
        (
            "4.7",
            "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
            true,
        ),
        // nozaq/terraform-aws-secure-baseline modules/alarm-baseline/main.tf
        (
            "4.1",
            "{(($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\")) && (($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") && ($.eventName!=\"HeadBucket\"))}",
            true,
        ),
        (
            "4.2",
            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }",
            true,
        ),
        (
            "4.2",
            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }",
            true,
        ),
        // cloudposse/terraform-aws-cloudtrail-cloudwatch-alarms catalog/cis_benchmark.yaml (folded YAML)
        (
            "4.3",
            r#"{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}"#,
            true,
        ),
        (
            "4.5",
            "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
            true,
        ),
        // terraform-aws-modules/terraform-aws-cloudwatch examples/cis-alarms/main.tf
        (
            "4.2",
            r#"{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.sessionContext.sessionIssuer.arn != "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*")}"#,
            false,
        ),
        // aws-quickstart/quickstart-compliance-common templates/logging.template (block scalars)
        (
            "4.1",
            "{\n  ($.errorCode=AccessDenied) ||\n  ($.errorCode=UnauthorizedOperation)\n}",
            false,
        ),
        (
            "4.3",
            "{\n  ($.userIdentity.type = \"Root\") &&\n  ($.userIdentity.invokedBy NOT EXISTS) &&\n  ($.eventType != \"AwsServiceEvent\")\n}",
            true,
        ),
        (
            "4.11",
            "{\n  ($.eventName = CreateNetworkAcl) ||\n  ($.eventName = CreateNetworkAclEntry) ||\n  ($.eventName = DeleteNetworkAcl) ||\n  \
             ($.eventName = DeleteNetworkAclEntry) ||\n  ($.eventName = ReplaceNetworkAclEntry) ||\n  ($.eventName = ReplaceNetworkAclAssociation)\n}",
            true,
        ),
        // virtualjj/cis-aws-benchmark-section-3-monitoring-remediate
        (
            "4.2",
            "{ ($.additionalEventData.MFAUsed = \"No\") && ($.eventName = \"ConsoleLogin\") }",
            true,
        ),
        (
            "4.6",
            "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failedauthentication\")}",
            false,
        ),
    ];
    for (cis, pattern, covers) in corpus {
        let misses = filter_misses(pattern, cis);
        assert_eq!(misses.is_empty(), *covers, "CIS {cis}: {pattern:?} misses {misses:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// EventBridge

fn reference_rules() -> Vec<(&'static str, Value)> {
    let api = "AWS API Call via CloudTrail";
    let console = "AWS Console Sign In via CloudTrail";
    vec![
        (
            "4.1",
            json!({"detail-type": [api], "detail": {"errorCode": [{"suffix": "UnauthorizedOperation"}, {"prefix": "AccessDenied"}]}}),
        ),
        (
            "4.2",
            json!({"source": ["aws.signin"], "detail-type": [console],
                   "detail": {"eventName": ["ConsoleLogin"], "additionalEventData": {"MFAUsed": [{"anything-but": "Yes"}]},
                              "responseElements": {"ConsoleLogin": ["Success"]}}}),
        ),
        (
            "4.3",
            json!({"detail-type": [api, console],
                   "detail": {"userIdentity": {"type": ["Root"], "invokedBy": [{"exists": false}]},
                              "eventType": [{"anything-but": "AwsServiceEvent"}]}}),
        ),
        (
            "4.4",
            json!({"source": ["aws.iam"], "detail-type": [api], "detail": {"eventSource": ["iam.amazonaws.com"], "eventName": [
                "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
                "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy",
                "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"]}}),
        ),
        (
            "4.5",
            json!({"source": ["aws.cloudtrail"], "detail-type": [api],
                   "detail": {"eventName": ["StopLogging", "DeleteTrail", "UpdateTrail", "CreateTrail", "StartLogging"]}}),
        ),
        (
            "4.6",
            json!({"source": ["aws.signin"], "detail-type": [console],
                   "detail": {"eventName": ["ConsoleLogin"], "errorMessage": ["Failed authentication"]}}),
        ),
        (
            "4.7",
            json!({"source": ["aws.kms"], "detail-type": [api], "detail": {"eventName": ["DisableKey", "ScheduleKeyDeletion"]}}),
        ),
        (
            "4.8",
            json!({"source": ["aws.s3"], "detail-type": [api], "detail": {"eventSource": ["s3.amazonaws.com"], "eventName": [
                "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
                "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"]}}),
        ),
        (
            "4.9",
            json!({"source": ["aws.config"], "detail-type": [api], "detail": {"eventName": [
                "StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"]}}),
        ),
        (
            "4.10",
            json!({"source": ["aws.ec2"], "detail-type": [api], "detail": {"eventName": [
                "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
                "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"]}}),
        ),
        (
            "4.11",
            json!({"source": ["aws.ec2"], "detail-type": [api], "detail": {"eventName": [
                "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
                "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"]}}),
        ),
        (
            "4.12",
            json!({"source": ["aws.ec2"], "detail-type": [api], "detail": {"eventName": [
                "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
                "DeleteInternetGateway", "DetachInternetGateway"]}}),
        ),
        (
            "4.13",
            json!({"source": ["aws.ec2"], "detail-type": [api], "detail": {"eventName": [
                "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable",
                "DeleteRoute", "DisassociateRouteTable"]}}),
        ),
        (
            "4.14",
            json!({"source": ["aws.ec2"], "detail-type": [api], "detail": {"eventName": [
                "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection",
                "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc",
                "DisableVpcClassicLink", "EnableVpcClassicLink"]}}),
        ),
        ("4.15", json!({"source": ["aws.organizations"], "detail-type": [api]})),
    ]
}

#[test]
fn envelopes_follow_the_about_rule() {
    for cis in all_controls() {
        for record in events(&cis) {
            let envelope = eventbridge_envelope(record);
            let source = record["eventSource"].as_str().expect("eventSource");
            assert_eq!(
                envelope["source"],
                format!("aws.{}", source.trim_end_matches(".amazonaws.com"))
            );
            let console = record["eventType"] == "AwsConsoleSignIn";
            assert_eq!(
                envelope["detail-type"],
                if console {
                    "AWS Console Sign In via CloudTrail"
                } else {
                    "AWS API Call via CloudTrail"
                }
            );
            assert_eq!(envelope["account"], record["recipientAccountId"]);
            assert_eq!(envelope["region"], record["awsRegion"]);
            assert_eq!(&envelope["detail"], record);
        }
    }
}

#[test]
fn reference_rules_match_every_canonical_event_of_their_control() {
    let rules = reference_rules();
    for cis in all_controls() {
        assert!(rules.iter().any(|(c, _)| *c == cis), "no reference rule for CIS {cis}");
    }
    for (cis, rule) in &rules {
        let misses = rule_misses(rule, cis);
        assert!(misses.is_empty(), "CIS {cis}: rule {rule} does not match {misses:?}");
        for other in all_controls().iter().filter(|other| other.as_str() != *cis) {
            assert!(
                !rule_misses(rule, other).is_empty(),
                "CIS {cis} rule {rule} also covers CIS {other}"
            );
        }
    }
}

#[test]
fn rule_rewrites_and_near_misses() {
    let covers: &[(&str, Value)] = &[
        (
            "4.5",
            json!({"source": ["aws.cloudtrail"], "detail": {"eventName": [{"anything-but": {"prefix": "Describe"}}]}}),
        ),
        (
            "4.5",
            json!({"source": [{"prefix": "aws.cloud"}], "detail": {"eventSource": [{"suffix": "trail.amazonaws.com"}]}}),
        ),
        (
            "4.4",
            json!({"source": ["aws.iam"], "detail": {"eventName": [{"wildcard": "*Policy*"}]}}),
        ),
        (
            "4.8",
            json!({"detail": {"eventSource": ["s3.amazonaws.com"], "eventName": [{"prefix": "PutBucket"}, {"prefix": "DeleteBucket"}]}}),
        ),
        (
            "4.10",
            json!({"source": ["aws.ec2"], "detail": {"eventName": [{"wildcard": "*SecurityGroup*"}]}}),
        ),
        (
            "4.7",
            json!({"$or": [{"detail": {"eventName": ["DisableKey"]}}, {"detail": {"eventName": ["ScheduleKeyDeletion"]}}], "source": ["aws.kms"]}),
        ),
        (
            "4.3",
            json!({"detail": {"userIdentity": {"type": [{"equals-ignore-case": "root"}]}}}),
        ),
        (
            "4.6",
            json!({"detail": {"responseElements": {"ConsoleLogin": ["Failure"]}}}),
        ),
        (
            "4.2",
            json!({"detail-type": [{"prefix": "AWS Console Sign In"}], "detail": {"additionalEventData": {"MFAUsed": ["No"]}}}),
        ),
        (
            "4.1",
            json!({"detail": {"errorCode": [{"wildcard": "*Unauthorized*"}, {"equals-ignore-case": "accessdenied"}]}}),
        ),
        (
            "4.13",
            json!({"source": ["aws.ec2"], "detail": {"eventName": [{"wildcard": "*Route*"}], "readOnly": [false]}}),
        ),
    ];
    for (cis, rule) in covers {
        let misses = rule_misses(rule, cis);
        assert!(misses.is_empty(), "CIS {cis}: rule {rule} does not match {misses:?}");
    }
    let near_misses: &[(&str, Value, &str)] = &[
        (
            "4.5",
            json!({"source": ["aws.cloudtrail"], "detail": {"eventName": ["DeleteTrail", "UpdateTrail", "CreateTrail", "StartLogging"]}}),
            "StopLogging",
        ),
        (
            "4.5",
            json!({"source": ["aws.cloudtrail.amazonaws.com"]}),
            "CreateTrail",
        ),
        ("4.5", json!({"source": ["cloudtrail.amazonaws.com"]}), "CreateTrail"),
        (
            "4.5",
            json!({"detail": {"eventName": ["stoplogging", "DeleteTrail", "UpdateTrail", "CreateTrail", "StartLogging"]}}),
            "StopLogging",
        ),
        (
            "4.2",
            json!({"detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["ConsoleLogin"]}}),
            "ConsoleLogin",
        ),
        (
            "4.3",
            json!({"detail": {"userIdentity": {"type": ["Root"], "invokedBy": [{"exists": true}]}}}),
            "ConsoleLogin",
        ),
        (
            "4.3",
            json!({"detail": {"userIdentity": {"type": ["Root"]}, "eventType": ["AwsApiCall"]}}),
            "ConsoleLogin",
        ),
        (
            "4.1",
            json!({"detail": {"errorCode": ["AccessDenied", "UnauthorizedOperation"]}}),
            "RunInstances",
        ),
        (
            "4.4",
            json!({"source": ["aws.iam"], "detail": {"eventName": [{"wildcard": "Delete*Policy"}]}}),
            "PutRolePolicy",
        ),
        (
            "4.7",
            json!({"source": ["aws.kms"], "detail": {"eventName": [{"anything-but": ["DisableKey"]}]}}),
            "DisableKey",
        ),
        (
            "4.8",
            json!({"source": ["aws.s3"], "detail": {"eventName": [{"numeric": [">", 0]}]}}),
            "PutBucketAcl",
        ),
    ];
    for (cis, rule, missed) in near_misses {
        let misses = rule_misses(rule, cis);
        assert!(
            misses.iter().any(|m| m.ends_with(missed)),
            "CIS {cis}: near-miss {rule} should miss {missed}, misses {misses:?}"
        );
    }
}
