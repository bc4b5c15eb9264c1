//! Adapter tests for the monitoring model: metric filters, alarms, EventBridge rules and
//! targets, VPCs and subnets, Config recorders, in both languages (with all defaults).

use blindspot::model::{MetricName, Origin};
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

fn line<T>(out: &ScanOutput, v: &blindspot::model::Value<T>) -> Option<u32> {
    v.span.map(|s| out.file(s.file).position(s.start).line)
}

const TF: &str = r#"variable "ns" {
  default = "CIS"
}

resource "aws_cloudwatch_log_group" "trail" {
  name = "trail"
}

resource "aws_cloudwatch_log_metric_filter" "f" {
  name           = "changes"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ $.eventName = StopLogging }"
  metric_transformation {
    name      = "TrailChanges"
    namespace = var.ns
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "a" {
  alarm_name  = "a"
  metric_name = aws_cloudwatch_log_metric_filter.f.metric_transformation[0].name
  namespace   = var.ns
}

resource "aws_cloudwatch_event_rule" "r" {
  name          = "guardduty"
  event_pattern = <<-EOF
    { "source": ["aws.guardduty"] }
  EOF
}

resource "aws_cloudwatch_event_target" "t" {
  rule = aws_cloudwatch_event_rule.r.name
  arn  = "arn:aws:sns:us-east-1:123456789012:x"
}

resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "s" {
  vpc_id = aws_vpc.v.id
}

resource "aws_flow_log" "fl" {
  subnet_id    = aws_subnet.s.id
  traffic_type = "ALL"
}

resource "aws_config_configuration_recorder" "rec" {
  role_arn = "arn:aws:iam::123456789012:role/config"
}

resource "aws_config_configuration_recorder_status" "st" {
  name       = "default"
  is_enabled = true
}
"#;

#[test]
fn terraform_monitoring_resources_and_defaults() {
    let (_d, out) = model_of(&[("main.tf", TF)]);
    let m = &out.model;
    let f = &m.metric_filters[0];
    assert_eq!(f.name.get().map(String::as_str), Some("changes"));
    assert!(f.log_group.get().unwrap().target.is_some());
    assert!(matches!(f.parsed, Some(Ok(_))));
    assert_eq!(line(&out, &f.pattern), Some(12));
    assert_eq!(f.metrics[0].namespace.get().map(String::as_str), Some("CIS"));

    let a = &m.alarms[0];
    // Resolved through the reference to the filter's metric_transformation.
    assert_eq!(
        MetricName::of(&a.metric_name),
        Some(MetricName::Text("TrailChanges".into()))
    );
    assert_eq!(a.namespace.get().map(String::as_str), Some("CIS"));
    assert_eq!(a.actions.get(), Some(&0));
    assert_eq!(a.actions_enabled.origin, Origin::Default);
    assert_eq!(a.notifies(), Some(false));

    let r = &m.event_rules[0];
    assert!(matches!(r.parsed, Some(Ok(_))));
    assert!(r.enabled.is_true());
    assert_eq!(r.enabled.origin, Origin::Default);
    assert_eq!(r.targets.get(), Some(&1));
    assert_eq!(r.event_bus.get().map(String::as_str), Some("default"));

    let v = &m.vpcs[0];
    assert!(v.flow_logs.is_empty());
    assert_eq!(v.subnets.len(), 1);
    assert_eq!(m.subnets[0].flow_logs.len(), 1);

    let rec = &m.config_recorders[0];
    assert_eq!(rec.name.get().map(String::as_str), Some("default"));
    assert!(rec.all_supported.is_true());
    assert!(rec.include_global.is_false());
    assert!(rec.started.is_true(), "status linked by the default name");
}

const CFN: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Group:
    Type: AWS::Logs::LogGroup
  Filter:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: !Ref Group
      FilterPattern: '{ ($.eventName = StopLogging '
      MetricTransformations:
        - MetricName: TrailChanges
          MetricNamespace: !Ref AWS::StackName
          MetricValue: "1"
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: TrailChanges
      Namespace: !Ref AWS::StackName
      ActionsEnabled: false
      AlarmActions:
        - !ImportValue topic
  Rule:
    Type: AWS::Events::Rule
    Properties:
      State: DISABLED
      EventPattern:
        source: [aws.signin]
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::123456789012:role/config
"#;

#[test]
fn cloudformation_monitoring_resources_and_defaults() {
    let (_d, out) = model_of(&[("t.yaml", CFN)]);
    let m = &out.model;
    let f = &m.metric_filters[0];
    assert!(matches!(f.parsed, Some(Err(_))), "unbalanced parenthesis");
    assert_eq!(line(&out, &f.pattern), Some(9));
    let a = &m.alarms[0];
    // Both namespaces are the same unknown expression.
    assert_eq!(MetricName::of(&a.namespace), MetricName::of(&f.metrics[0].namespace));
    assert_eq!(a.actions.get(), Some(&1));
    assert!(a.actions_enabled.is_false());
    assert_eq!(a.notifies(), Some(false));
    let r = &m.event_rules[0];
    assert!(r.enabled.is_false());
    assert_eq!(line(&out, &r.enabled), Some(25));
    assert_eq!(r.targets.get(), Some(&0));
    assert!(matches!(r.parsed, Some(Ok(_))));
    let rec = &m.config_recorders[0];
    assert!(rec.all_supported.is_true());
    assert!(rec.include_global.is_false());
    assert!(rec.started.is_true(), "CloudFormation starts recorders");
}
