//! Adapter tests: these sources give these model values at these lines, in both languages.

use std::path::Path;

use blindspot::model::vocab::Vocabulary;
use blindspot::model::{ManagementEvents, Origin, Value};
use blindspot::scan::{Options, ScanOutput, scan};

fn model_of(files: &[(&str, &str)]) -> (tempfile::TempDir, ScanOutput) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let out = scan(&Options {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    })
    .unwrap();
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    (dir, out)
}

/// The 1-based line where a value is written, or `None` when it is not written.
fn line<T>(out: &ScanOutput, v: &Value<T>) -> Option<u32> {
    v.span.map(|s| out.file(s.file).position(s.start).line)
}

fn file_name(out: &ScanOutput, v: &blindspot::model::Step) -> String {
    let p = &out.file(v.span.file).path;
    Path::new(p).file_name().unwrap().to_string_lossy().to_string()
}

#[test]
fn terraform_trail_with_all_defaults() {
    let (_d, out) = model_of(&[(
        "main.tf",
        "resource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  s3_bucket_name = \"logs\"\n}\n",
    )]);
    let t = &out.model.trails[0];
    assert_eq!(out.model.resource(t.id).address, "aws_cloudtrail.t");
    assert_eq!(t.multi_region.get(), Some(&false));
    assert_eq!(t.multi_region.origin, Origin::Default);
    assert_eq!(line(&out, &t.multi_region), None);
    assert_eq!(t.log_file_validation.get(), Some(&false));
    assert_eq!(t.logging.get(), Some(&true));
    assert_eq!(t.global_service_events.get(), Some(&true));
    assert_eq!(t.management_events.get(), Some(&ManagementEvents::All));
    assert_eq!(t.s3_data_events.get(), Some(&false));
    assert_eq!(t.insights.get(), Some(&false));
    assert!(t.kms_key.is_absent() && t.cloudwatch_log_group.is_absent());
    assert_eq!(t.bucket.get().unwrap().literal.as_deref(), Some("logs"));
    assert_eq!(t.bucket.get().unwrap().target, None);
}

#[test]
fn cloudformation_trail_with_all_defaults() {
    let (_d, out) = model_of(&[(
        "t.yaml",
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: logs\n",
    )]);
    let t = &out.model.trails[0];
    assert_eq!(out.model.resource(t.id).address, "Trail");
    assert_eq!(
        out.file(out.model.resource(t.id).header.file)
            .position(out.model.resource(t.id).header.start)
            .line,
        3
    );
    assert_eq!(t.multi_region.get(), Some(&false));
    assert_eq!(t.multi_region.origin, Origin::Default);
    assert_eq!(t.log_file_validation.get(), Some(&false));
    assert_eq!(t.logging.get(), Some(&true));
    assert_eq!(line(&out, &t.logging), Some(6));
    assert_eq!(t.management_events.get(), Some(&ManagementEvents::All));
    assert_eq!(t.insights.get(), Some(&false));
}

#[test]
fn terraform_values_through_variables_locals_and_links() {
    let (_d, out) = model_of(&[
        (
            "variables.tf",
            "variable \"multi\" {\n  default = false\n}\nvariable \"unset\" {}\n",
        ),
        (
            "main.tf",
            r#"locals {
  validation = !var.multi
}
resource "aws_s3_bucket" "logs" {
  bucket = "acme-trail"
}
resource "aws_cloudwatch_log_group" "trail" {
  name              = "trail"
  retention_in_days = 30
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_cloudtrail" "t" {
  name                       = "t"
  s3_bucket_name             = aws_s3_bucket.logs.id
  is_multi_region_trail      = var.multi
  enable_log_file_validation = local.validation
  include_global_service_events = var.unset
  kms_key_id                 = aws_kms_key.k.arn
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = true
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
"#,
        ),
    ]);
    let m = &out.model;
    let t = &m.trails[0];
    let addr = |target: Option<blindspot::model::ResourceId>| m.resource(target.unwrap()).address.clone();
    assert_eq!(t.multi_region.get(), Some(&false));
    assert_eq!(line(&out, &t.multi_region), Some(17));
    assert_eq!(t.multi_region.provenance.len(), 1);
    assert_eq!(file_name(&out, &t.multi_region.provenance[0]), "variables.tf");
    assert_eq!(
        out.file(t.multi_region.provenance[0].span.file)
            .position(t.multi_region.provenance[0].span.start)
            .line,
        2
    );
    assert_eq!(t.log_file_validation.get(), Some(&true));
    assert_eq!(line(&out, &t.log_file_validation), Some(18));
    assert!(t.global_service_events.is_unknown());
    assert_eq!(t.global_service_events.unresolved(), Some("var.unset"));
    assert_eq!(addr(t.bucket.target()), "aws_s3_bucket.logs");
    assert_eq!(addr(t.kms_key.target()), "aws_kms_key.k");
    assert_eq!(addr(t.cloudwatch_log_group.target()), "aws_cloudwatch_log_group.trail");
    assert_eq!(t.management_events.get(), Some(&ManagementEvents::WriteOnly));
    assert_eq!(line(&out, &t.management_events), Some(23));
    assert_eq!(t.s3_data_events.get(), Some(&true));
    assert_eq!(m.log_groups[0].retention_days.get(), Some(&30.0));
    assert_eq!(m.kms_keys[0].rotation.get(), Some(&true));
}

#[test]
fn cloudformation_values_through_parameters_and_intrinsics() {
    let (_d, out) = model_of(&[(
        "t.yaml",
        r#"AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Multi:
    Type: String
    Default: "false"
  Unset:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-trail
  Group:
    Type: AWS::Logs::LogGroup
  Key:
    Type: AWS::KMS::Key
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref Bucket
      IsMultiRegionTrail: !Ref Multi
      EnableLogFileValidation: {"Ref": "Unset"}
      KMSKeyId: !GetAtt Key.Arn
      CloudWatchLogsLogGroupArn: !Sub "${Group.Arn}"
      EventSelectors:
        - ReadWriteType: ReadOnly
          DataResources:
            - Type: AWS::S3::Object
              Values: ["arn:aws:s3"]
"#,
    )]);
    let m = &out.model;
    let t = &m.trails[0];
    let addr = |target: Option<blindspot::model::ResourceId>| m.resource(target.unwrap()).address.clone();
    assert_eq!(t.multi_region.get(), Some(&false));
    assert_eq!(line(&out, &t.multi_region), Some(22));
    assert_eq!(
        out.file(t.multi_region.provenance[0].span.file)
            .position(t.multi_region.provenance[0].span.start)
            .line,
        5
    );
    assert!(t.log_file_validation.is_unknown());
    assert_eq!(addr(t.bucket.target()), "Bucket");
    assert_eq!(addr(t.kms_key.target()), "Key");
    assert_eq!(addr(t.cloudwatch_log_group.target()), "Group");
    assert_eq!(t.management_events.get(), Some(&ManagementEvents::ReadOnly));
    assert_eq!(line(&out, &t.management_events), Some(27));
    assert_eq!(t.s3_data_events.get(), Some(&true));
}

#[test]
fn bucket_linked_by_literal_name_in_both_languages() {
    let (_d, out) = model_of(&[
        (
            "tf/main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"acme-trail\"\n}\nresource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  s3_bucket_name = \"acme-trail\"\n}\n",
        ),
        (
            "cfn/t.json",
            r#"{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "cfn-trail"}},
"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "S3BucketName": "cfn-trail"}}}}"#,
        ),
    ]);
    let m = &out.model;
    for t in &m.trails {
        let target = t.bucket.get().unwrap().target.expect("linked by name");
        assert!(matches!(
            m.resource(target).resource_type.as_str(),
            "aws_s3_bucket" | "AWS::S3::Bucket"
        ));
        assert_eq!(m.resource(target).iac, m.resource(t.id).iac);
    }
    assert_eq!(m.trails.len(), 2);
}

#[test]
fn event_data_store_defaults_and_values() {
    let (_d, out) = model_of(&[
        (
            "main.tf",
            "resource \"aws_cloudtrail_event_data_store\" \"s\" {\n  name = \"s\"\n  retention_period = 90\n}\n",
        ),
        (
            "s.yaml",
            "Resources:\n  Store:\n    Type: AWS::CloudTrail::EventDataStore\n    Properties:\n      MultiRegionEnabled: false\n",
        ),
    ]);
    let m = &out.model;
    assert_eq!(m.event_data_stores.len(), 2);
    let tf = m
        .event_data_stores
        .iter()
        .find(|s| m.resource(s.id).address == "aws_cloudtrail_event_data_store.s")
        .unwrap();
    assert_eq!(tf.retention_days.get(), Some(&90.0));
    assert_eq!(line(&out, &tf.retention_days), Some(3));
    assert_eq!(tf.termination_protection.get(), Some(&true));
    let cfn = m
        .event_data_stores
        .iter()
        .find(|s| m.resource(s.id).address == "Store")
        .unwrap();
    assert_eq!(cfn.multi_region.get(), Some(&false));
    assert_eq!(line(&out, &cfn.multi_region), Some(5));
    assert!(cfn.retention_days.get().unwrap() >= &2555.0);
}

fn bucket<'a>(out: &'a ScanOutput, address: &str) -> &'a blindspot::model::Bucket {
    out.model
        .buckets
        .iter()
        .find(|b| out.model.resource(b.id).address == address)
        .unwrap()
}

#[test]
fn bucket_settings_from_split_resources_inline_blocks_and_cloudformation() {
    let (_d, out) = model_of(&[
        (
            "v4/main.tf",
            r#"resource "aws_s3_bucket" "logs" {
  bucket              = "acme-trail"
  object_lock_enabled = true
}
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_alias.logs.arn
    }
  }
}
resource "aws_s3_bucket_versioning" "logs" {
  bucket = "acme-trail"
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_object_lock_configuration" "logs" {
  bucket = aws_s3_bucket.logs.bucket
  rule {
    default_retention {
      mode  = "GOVERNANCE"
      years = 1
    }
  }
}
resource "aws_kms_key" "logs" {
  enable_key_rotation = true
}
resource "aws_kms_alias" "logs" {
  name          = "alias/logs"
  target_key_id = aws_kms_key.logs.key_id
}
resource "aws_cloudtrail" "t" {
  name           = "t"
  s3_bucket_name = aws_s3_bucket.logs.id
}
"#,
        ),
        (
            "v3/main.tf",
            r#"resource "aws_s3_bucket" "legacy" {
  bucket = "legacy-logs"
  acl    = "log-delivery-write"
  versioning {
    enabled = false
  }
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
  lifecycle_rule {
    enabled = true
  }
}
resource "aws_s3_bucket" "source" {
  bucket = "app"
  logging {
    target_bucket = aws_s3_bucket.legacy.id
  }
}
"#,
        ),
        (
            "cfn/t.yaml",
            r#"Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      ObjectLockEnabled: true
      VersioningConfiguration:
        Status: Suspended
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: false
  Flow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: vpc-1
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: !Sub "arn:aws:s3:::${Logs}/flow"
"#,
        ),
    ]);
    let m = &out.model;
    let v4 = bucket(&out, "aws_s3_bucket.logs");
    assert_eq!(v4.sse_algorithm.get().map(Vocabulary::as_str), Some("aws:kms"));
    assert_eq!(line(&out, &v4.sse_algorithm), Some(9));
    let key = v4.sse_kms_key.get().unwrap().target.unwrap();
    assert_eq!(m.resource(key).address, "aws_kms_key.logs", "alias resolves to its key");
    assert_eq!(
        v4.versioning.get().map(Vocabulary::as_str),
        Some("Enabled"),
        "linked by literal name"
    );
    assert!(v4.object_lock.is_true());
    assert_eq!(v4.object_lock_retention.get().unwrap().days, Some(365.0));
    assert_eq!(line(&out, &v4.object_lock_retention), Some(23));
    assert_eq!(v4.log_sources.len(), 1);
    let k = &m.kms_keys[0];
    assert_eq!(k.log_uses, vec![v4.id]);
    assert!(k.other_uses.is_empty());

    let v3 = bucket(&out, "aws_s3_bucket.legacy");
    assert_eq!(v3.sse_algorithm.get().map(Vocabulary::as_str), Some("AES256"));
    assert_eq!(v3.versioning.get().map(Vocabulary::as_str), Some("Suspended"));
    assert_eq!(line(&out, &v3.versioning), Some(5));
    assert!(v3.lifecycle.is_true());
    assert!(v3.is_access_log_target());
    assert!(!bucket(&out, "aws_s3_bucket.source").is_log_bucket());

    let cfn = bucket(&out, "Logs");
    assert!(cfn.object_lock.is_true());
    assert_eq!(cfn.versioning.get().map(Vocabulary::as_str), Some("Suspended"));
    assert!(cfn.sse_algorithm.is_missing());
    let pab: Vec<_> = cfn
        .public_access_block
        .as_ref()
        .unwrap()
        .flags()
        .into_iter()
        .map(|(n, v)| (n, v.get().copied()))
        .collect();
    assert_eq!(pab[1], ("block_public_policy", Some(false)));
    assert_eq!(
        pab[2],
        ("ignore_public_acls", Some(false)),
        "omitted inside an explicit block means false"
    );
    assert_eq!(cfn.log_sources.len(), 1, "flow log to arn:aws:s3:::bucket/prefix");
    assert_eq!(m.describe_sources(&cfn.log_sources), "receives VPC flow logs from Flow");
}

#[test]
fn unlinkable_setting_makes_that_setting_unknown_not_absent() {
    let (_d, out) = model_of(&[(
        "main.tf",
        r#"variable "bucket" {}
resource "aws_s3_bucket" "logs" {
  bucket = "acme-trail"
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = var.bucket
  versioning_configuration {
    status = "Enabled"
  }
}
"#,
    )]);
    let b = &out.model.buckets[0];
    assert!(b.versioning.is_unknown());
    assert!(b.sse_algorithm.is_missing());
}

#[test]
fn literal_names_link_within_the_same_unit_first() {
    let tf = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"same-name\"\n}\nresource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  s3_bucket_name = \"same-name\"\n}\n";
    let (_d, out) = model_of(&[("a/main.tf", tf), ("b/main.tf", tf)]);
    let m = &out.model;
    assert_eq!(m.trails.len(), 2);
    for t in &m.trails {
        let b = t.bucket.get().unwrap().target.unwrap();
        assert_eq!(
            m.resource(b).file(),
            m.resource(t.id).file(),
            "each trail links to the bucket of its own module"
        );
    }
}

/// `model::governance` (services.md 4.12, 4.16, 4.18): aggregator sources, roles, SNS
/// topics with their subscriptions (by reference, by ARN, inline), alarm and event targets.
#[test]
fn governance_kinds_in_both_languages() {
    use blindspot::model::governance::{Role, RoleKind};
    let (_d, out) = model_of(&[
        (
            "main.tf",
            r#"resource "aws_config_configuration_aggregator" "a" {
  name = "a"
  account_aggregation_source {
    account_ids = ["123456789012"]
    regions     = ["us-east-1"]
  }
}

resource "aws_iam_service_linked_role" "config" {
  aws_service_name = "config.amazonaws.com"
}

resource "aws_config_configuration_recorder" "r" {
  role_arn = aws_iam_service_linked_role.config.arn
}

resource "aws_sns_topic" "t" {
  name = "alarms"
}

resource "aws_sns_topic_subscription" "s" {
  topic_arn = "arn:aws:sns:us-east-1:123456789012:alarms"
  protocol  = "email"
  endpoint  = "a@example.com"
}

resource "aws_cloudwatch_metric_alarm" "x" {
  alarm_name          = "x"
  metric_name         = "m"
  namespace           = "n"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  alarm_actions       = [aws_sns_topic.t.arn, "arn:aws:sns:us-east-1:123456789012:other"]
}
"#,
        ),
        (
            "t.yaml",
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Agg:\n    Type: AWS::Config::ConfigurationAggregator\n    Properties:\n      OrganizationAggregationSource:\n        AllAwsRegions: true\n        RoleArn: arn:aws:iam::123456789012:role/agg\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Subscription:\n        - Protocol: email\n          Endpoint: a@example.com\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: {source: [aws.guardduty]}\n      Targets:\n        - Id: t\n          Arn: !Ref Topic\n",
        ),
    ]);
    let g = &out.model.governance;
    let by = |addr: &str| {
        out.model
            .resources
            .iter()
            .position(|r| r.address == addr)
            .map(blindspot::model::ResourceId)
            .unwrap()
    };
    let tf_agg = g
        .aggregators
        .iter()
        .find(|a| a.id == by("aws_config_configuration_aggregator.a"))
        .unwrap();
    assert_eq!(tf_agg.sources.len(), 1);
    assert_eq!(tf_agg.sources[0].all_regions.get(), Some(&false));
    // Not written: located at the source block.
    assert_eq!(line(&out, &tf_agg.sources[0].all_regions), Some(3));
    let cfn_agg = g.aggregators.iter().find(|a| a.id == by("Agg")).unwrap();
    assert_eq!(cfn_agg.sources[0].all_regions.get(), Some(&true));
    assert_eq!(line(&out, &cfn_agg.sources[0].all_regions), Some(7));

    let rec = &out.model.config_recorders[0];
    let role = rec.role.get().unwrap().target.unwrap();
    assert_eq!(role, by("aws_iam_service_linked_role.config"));
    match &out.model.get::<Role>(role).unwrap().kind {
        RoleKind::ServiceLinked(s) => assert_eq!(s.get().map(String::as_str), Some("config.amazonaws.com")),
        k => panic!("{k:?}"),
    }
    assert_eq!(out.model.get::<Role>(by("Role")).unwrap().kind, RoleKind::Custom);

    // A subscription by literal ARN links to the topic of that name; inline ones count.
    let tf_topic = g.topics.iter().find(|t| t.id == by("aws_sns_topic.t")).unwrap();
    assert_eq!(tf_topic.subscriptions.get(), Some(&1));
    let cfn_topic = g.topics.iter().find(|t| t.id == by("Topic")).unwrap();
    assert_eq!(cfn_topic.subscriptions.get(), Some(&1));

    let alarm = &out.model.alarms[0];
    assert_eq!(alarm.action_targets.len(), 2);
    assert_eq!(alarm.action_targets[0].get().unwrap().target, Some(tf_topic.id));
    assert_eq!(alarm.action_targets[1].get().unwrap().target, None);
    let rule = &out.model.event_rules[0];
    assert_eq!(rule.target_arns[0].get().unwrap().target, Some(cfn_topic.id));
}

/// Issue 12 (services.md 4.13, 4.21): lifecycle rules, delivery prefixes of log sources,
/// force_destroy, and log-group deletion protection gated on the AWS provider version.
#[test]
fn log_protection_facts_in_both_languages() {
    let (_d, out) = model_of(&[
        (
            "tf/main.tf",
            r#"resource "aws_s3_bucket" "logs" {
  bucket        = "logs"
  force_destroy = true
}
resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    id     = "r"
    status = "Enabled"
    filter {
      and {
        prefix = "org/"
        tags   = { a = "b" }
      }
    }
    expiration {
      days = 30
    }
  }
}
resource "aws_cloudtrail" "t" {
  name           = "t"
  s3_bucket_name = aws_s3_bucket.logs.id
  s3_key_prefix  = "org"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.g.arn}:*"
}
resource "aws_cloudwatch_log_group" "g" {
  name = "g"
}
"#,
        ),
        (
            "tf/.terraform.lock.hcl",
            "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"6.25.0\"\n}\n",
        ),
        (
            "cfn/t.yaml",
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      LifecycleConfiguration:\n        Rules:\n          - Status: Enabled\n            ExpirationInDays: 10\n  G:\n    Type: AWS::Logs::LogGroup\n",
        ),
    ]);
    let m = &out.model;
    let by = |addr: &str| m.buckets.iter().find(|b| m.resource(b.id).address == addr).unwrap();
    let tf = by("aws_s3_bucket.logs");
    assert_eq!(tf.force_destroy.get(), Some(&true));
    assert_eq!(line(&out, &tf.force_destroy), Some(3));
    let rules = tf.lifecycle_rules.get().unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0].prefix.get().map(String::as_str), Some("org/"));
    assert_eq!(rules[0].tag_filter.get(), Some(&true));
    assert_eq!(rules[0].expiration_days.get(), Some(&30.0));
    assert_eq!(line(&out, &rules[0].expiration_days), Some(17));
    assert_eq!(tf.log_sources[0].key_prefix.as_deref(), Some("org/AWSLogs/"));
    let cfn = by("B");
    assert!(cfn.force_destroy.is_absent());
    let rules = cfn.lifecycle_rules.get().unwrap();
    assert_eq!(rules[0].prefix.get().map(String::as_str), Some(""));
    assert_eq!(rules[0].expiration_days.get(), Some(&10.0));
    let group = |addr: &str| m.log_groups.iter().find(|g| m.resource(g.id).address == addr).unwrap();
    // Provider 6.25.0 from the lock file: the default (false) applies.
    assert_eq!(
        group("aws_cloudwatch_log_group.g").deletion_protection.get(),
        Some(&false)
    );
    assert_eq!(group("G").deletion_protection.get(), Some(&false));
}

#[test]
fn typed_ids_and_links_in_both_languages() {
    use blindspot::model::{Bucket, Id, KmsKey, LogGroup, Store, Trail};
    for (name, text) in [
        (
            "main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"logs\"\n}\nresource \"aws_kms_key\" \"k\" {}\nresource \"aws_cloudwatch_log_group\" \"g\" {\n  name = \"g\"\n}\nresource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n  s3_bucket_name = \"logs\"\n  kms_key_id = aws_kms_key.k.arn\n}\nresource \"aws_flow_log\" \"f\" {\n  vpc_id = \"vpc-1\"\n  log_destination = aws_cloudwatch_log_group.g.arn\n}\n",
        ),
        (
            "t.yaml",
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: logs\n  K:\n    Type: AWS::KMS::Key\n  G:\n    Type: AWS::Logs::LogGroup\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: logs\n      KMSKeyId: !GetAtt K.Arn\n  F:\n    Type: AWS::EC2::FlowLog\n    Properties:\n      ResourceId: vpc-1\n      ResourceType: VPC\n      TrafficType: ALL\n      LogDestination: !GetAtt G.Arn\n",
        ),
    ] {
        let (_d, out) = model_of(&[(name, text)]);
        let m = &out.model;
        assert!(m.check_kinds());
        let t = &m.trails[0];
        // A trail's resource is a trail, not a bucket.
        let tid: Id<Trail> = m.id_of(t.id).unwrap();
        assert_eq!(m[tid].id, t.id);
        assert!(m.get::<Bucket>(t.id).is_none());
        // Typed links: the literal bucket name and the key reference lead to their structs.
        let b = m.follow(t.bucket.get().unwrap()).unwrap();
        assert_eq!(b.name.get().map(String::as_str), Some("logs"));
        let k: Id<KmsKey> = m.target(t.kms_key.get().unwrap()).unwrap();
        assert_eq!(m[k].id, m.kms_keys[0].id);
        // A destination link: a bucket or a log group.
        let g: Id<LogGroup> = m.ids::<LogGroup>().next().unwrap();
        assert_eq!(
            m.target(m.flow_logs[0].destination.get().unwrap()),
            Some(Store::LogGroup(g))
        );
        assert_eq!(m.store_of(b.id), Some(Store::Bucket(m.id_of(b.id).unwrap())));
        // Account: one template or one module instance and provider.
        assert_eq!(m.same_account(b.id, t.id), Some(true));
    }
}
