//! The projections Guard rules are evaluated on: a CloudFormation template as cfn-guard
//! sees it, and an evaluated Terraform root module as a CloudFormation-shaped document.
//! Both record, for every path cfn-guard will report (`/Resources/Trail/Properties/X`),
//! where it is written, so a failed clause maps back to a blindspot [`Span`].
//! The contract is documented in docs/guard.md.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value as J};

use crate::doc::{Kind, Node};
use crate::frontend::{EVal, Piece, Prop, RawResource, RefTo, Unit, V};
use crate::model::Step;
use crate::source::{FileId, Span};

/// Deepest nesting a projected document may have. cfn-guard parses the document with
/// serde_json, whose recursion limit is 128; on failure it would fall back to its YAML
/// loader, which must never see our input (unbounded memory on nested input). Deeper
/// documents are an error for the file instead.
pub const MAX_DEPTH: usize = 100;

/// A resource of the projected document.
#[derive(Clone, Debug, Default)]
pub struct Res {
    pub header: Span,
    pub address: String,
    pub resource_type: String,
    pub iac: &'static str,
    pub instances: Vec<String>,
    pub exists_if: Option<String>,
    /// CloudFormation `Metadata.guard.SuppressedRules`.
    pub suppressed: Vec<String>,
}

/// A document for cfn-guard, with the way back to the source.
#[derive(Debug, Default)]
pub struct Projection {
    pub json: J,
    /// cfn-guard path -> where the value (or `key: value`) is written, and its provenance.
    pub locs: HashMap<String, (Span, Vec<Step>)>,
    /// Resource name (logical id or Terraform address) -> resource.
    pub resources: BTreeMap<String, Res>,
    /// Paths left out because their value is unknown, with the reason.
    pub unknown: Vec<(String, String)>,
    /// Paths whose value is a Terraform reference written as a CloudFormation intrinsic
    /// (`Ref`, `Fn::GetAtt`, `Fn::Sub`), with what it stands for: still an unknown value,
    /// so a clause that fails on the value itself is undecided.
    pub intrinsic: Vec<(String, String)>,
    /// Where a failure of the whole document is reported.
    pub anchor: Span,
}

/// The error for a document nested deeper than [`MAX_DEPTH`], at the value that is.
fn too_deep(at: Span) -> (Span, String) {
    (
        at,
        format!("the document nests deeper than {MAX_DEPTH} levels; Guard policies were not evaluated on it"),
    )
}

// ---------------------------------------------------------------- CloudFormation

/// Long form of a CloudFormation short-form tag, as cfn-guard's loader normalises it.
fn long_form(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "Ref" => "Ref",
        "Condition" => "Condition",
        "GetAtt" => "Fn::GetAtt",
        "Base64" => "Fn::Base64",
        "Sub" => "Fn::Sub",
        "GetAZs" => "Fn::GetAZs",
        "ImportValue" => "Fn::ImportValue",
        "Select" => "Fn::Select",
        "Split" => "Fn::Split",
        "Join" => "Fn::Join",
        "FindInMap" => "Fn::FindInMap",
        "And" => "Fn::And",
        "Equals" => "Fn::Equals",
        "Contains" => "Fn::Contains",
        "EachMemberIn" => "Fn::EachMemberIn",
        "EachMemberEquals" => "Fn::EachMemberEquals",
        "ValueOf" => "Fn::ValueOf",
        "If" => "Fn::If",
        "Not" => "Fn::Not",
        "Or" => "Fn::Or",
        "Cidr" => "Fn::Cidr",
        "Length" => "Fn::Length",
        "ToJsonString" => "Fn::ToJsonString",
        "Transform" => "Fn::Transform",
        _ => return None,
    })
}

fn number(text: &str) -> J {
    if let Ok(i) = text.parse::<i64>() {
        return J::from(i);
    }
    match text.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
        Some(n) => J::Number(n),
        None => J::String(text.to_string()),
    }
}

fn span_of(file: FileId, start: u32, end: u32) -> Span {
    Span::new(file, start as usize, end as usize)
}

struct CfnCx<'a> {
    file: FileId,
    locs: &'a mut HashMap<String, (Span, Vec<Step>)>,
}

impl CfnCx<'_> {
    fn node(&mut self, node: &Node, path: &str, at: Span, depth: usize) -> Result<J, (Span, String)> {
        if depth > MAX_DEPTH {
            return Err(too_deep(at));
        }
        self.locs.entry(path.to_string()).or_insert((at, Vec::new()));
        let inner = match &node.kind {
            Kind::Null => J::Null,
            Kind::Bool(b) => J::Bool(*b),
            Kind::Number(n) => number(n),
            Kind::Str(s) => J::String(s.clone()),
            Kind::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{path}/{i}");
                    out.push(self.node(item, &p, span_of(self.file, item.span.start, item.span.end), depth + 1)?);
                }
                J::Array(out)
            }
            Kind::Map(entries) => {
                let mut out = Map::new();
                for e in entries {
                    let p = format!("{path}/{}", e.key);
                    let at = span_of(self.file, e.key_span.start, e.value.span.end.max(e.key_span.end));
                    let v = self.node(&e.value, &p, at, depth + 1)?;
                    out.insert(e.key.clone(), v);
                }
                J::Object(out)
            }
        };
        // `!Ref X` is `{"Ref": "X"}`, as cfn-guard's own loader reads it.
        match node.tag.as_deref().and_then(long_form) {
            Some(long) => {
                let p = format!("{path}/{long}");
                self.locs.entry(p).or_insert((at, Vec::new()));
                let mut m = Map::new();
                m.insert(long.to_string(), inner);
                Ok(J::Object(m))
            }
            None => Ok(inner),
        }
    }
}

/// The template document, short-form tags in their long form.
pub fn template(file: FileId, root: &Node) -> Result<Projection, (Span, String)> {
    let mut p = Projection {
        anchor: Span::new(file, 0, 0),
        ..Default::default()
    };
    let mut cx = CfnCx {
        file,
        locs: &mut p.locs,
    };
    p.json = cx.node(root, "", Span::new(file, 0, 0), 0)?;
    if let Some(e) = root.entry("Resources") {
        p.anchor = span_of(file, e.key_span.start, e.key_span.end);
        for r in e.value.entries() {
            let suppressed = r
                .value
                .get("Metadata")
                .and_then(|m| m.get("guard"))
                .and_then(|g| g.get("SuppressedRules"))
                .map(|s| {
                    s.items()
                        .iter()
                        .filter_map(|i| i.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            p.resources.insert(
                r.key.clone(),
                Res {
                    header: span_of(file, r.key_span.start, r.key_span.end),
                    address: r.key.clone(),
                    resource_type: r
                        .value
                        .get("Type")
                        .and_then(Node::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    iac: crate::model::Iac::CloudFormation.as_str(),
                    instances: Vec::new(),
                    exists_if: None,
                    suppressed,
                },
            );
        }
    }
    Ok(p)
}

// ---------------------------------------------------------------- Terraform

/// CloudFormation property names of Terraform attributes, for the kinds of the model's
/// kind table: (Terraform type, dotted Terraform path without indices, CloudFormation
/// name, whether a Terraform block becomes a single object rather than a list).
/// Attributes not listed keep their Terraform name.
pub static NAMES: &[(&str, &str, &str, bool)] = &[
    // AWS::CloudTrail::Trail
    ("aws_cloudtrail", "name", "TrailName", false),
    ("aws_cloudtrail", "is_multi_region_trail", "IsMultiRegionTrail", false),
    (
        "aws_cloudtrail",
        "enable_log_file_validation",
        "EnableLogFileValidation",
        false,
    ),
    ("aws_cloudtrail", "enable_logging", "IsLogging", false),
    (
        "aws_cloudtrail",
        "include_global_service_events",
        "IncludeGlobalServiceEvents",
        false,
    ),
    ("aws_cloudtrail", "is_organization_trail", "IsOrganizationTrail", false),
    ("aws_cloudtrail", "kms_key_id", "KMSKeyId", false),
    (
        "aws_cloudtrail",
        "cloud_watch_logs_group_arn",
        "CloudWatchLogsLogGroupArn",
        false,
    ),
    (
        "aws_cloudtrail",
        "cloud_watch_logs_role_arn",
        "CloudWatchLogsRoleArn",
        false,
    ),
    ("aws_cloudtrail", "s3_bucket_name", "S3BucketName", false),
    ("aws_cloudtrail", "s3_key_prefix", "S3KeyPrefix", false),
    ("aws_cloudtrail", "sns_topic_name", "SnsTopicName", false),
    ("aws_cloudtrail", "tags", "Tags", false),
    ("aws_cloudtrail", "insight_selector", "InsightSelectors", false),
    ("aws_cloudtrail", "insight_selector.insight_type", "InsightType", false),
    ("aws_cloudtrail", "event_selector", "EventSelectors", false),
    (
        "aws_cloudtrail",
        "event_selector.read_write_type",
        "ReadWriteType",
        false,
    ),
    (
        "aws_cloudtrail",
        "event_selector.include_management_events",
        "IncludeManagementEvents",
        false,
    ),
    (
        "aws_cloudtrail",
        "event_selector.exclude_management_event_sources",
        "ExcludeManagementEventSources",
        false,
    ),
    ("aws_cloudtrail", "event_selector.data_resource", "DataResources", false),
    ("aws_cloudtrail", "event_selector.data_resource.type", "Type", false),
    ("aws_cloudtrail", "event_selector.data_resource.values", "Values", false),
    (
        "aws_cloudtrail",
        "advanced_event_selector",
        "AdvancedEventSelectors",
        false,
    ),
    ("aws_cloudtrail", "advanced_event_selector.name", "Name", false),
    (
        "aws_cloudtrail",
        "advanced_event_selector.field_selector",
        "FieldSelectors",
        false,
    ),
    (
        "aws_cloudtrail",
        "advanced_event_selector.field_selector.field",
        "Field",
        false,
    ),
    (
        "aws_cloudtrail",
        "advanced_event_selector.field_selector.equals",
        "Equals",
        false,
    ),
    (
        "aws_cloudtrail",
        "advanced_event_selector.field_selector.not_equals",
        "NotEquals",
        false,
    ),
    (
        "aws_cloudtrail",
        "advanced_event_selector.field_selector.starts_with",
        "StartsWith",
        false,
    ),
    (
        "aws_cloudtrail",
        "advanced_event_selector.field_selector.not_starts_with",
        "NotStartsWith",
        false,
    ),
    (
        "aws_cloudtrail",
        "advanced_event_selector.field_selector.ends_with",
        "EndsWith",
        false,
    ),
    (
        "aws_cloudtrail",
        "advanced_event_selector.field_selector.not_ends_with",
        "NotEndsWith",
        false,
    ),
    // AWS::CloudTrail::EventDataStore
    ("aws_cloudtrail_event_data_store", "name", "Name", false),
    (
        "aws_cloudtrail_event_data_store",
        "retention_period",
        "RetentionPeriod",
        false,
    ),
    (
        "aws_cloudtrail_event_data_store",
        "termination_protection_enabled",
        "TerminationProtectionEnabled",
        false,
    ),
    (
        "aws_cloudtrail_event_data_store",
        "multi_region_enabled",
        "MultiRegionEnabled",
        false,
    ),
    (
        "aws_cloudtrail_event_data_store",
        "organization_enabled",
        "OrganizationEnabled",
        false,
    ),
    ("aws_cloudtrail_event_data_store", "kms_key_id", "KmsKeyId", false),
    ("aws_cloudtrail_event_data_store", "tags", "Tags", false),
    // AWS::S3::Bucket
    ("aws_s3_bucket", "bucket", "BucketName", false),
    ("aws_s3_bucket", "object_lock_enabled", "ObjectLockEnabled", false),
    ("aws_s3_bucket", "tags", "Tags", false),
    // AWS::S3::BucketPolicy
    ("aws_s3_bucket_policy", "bucket", "Bucket", false),
    ("aws_s3_bucket_policy", "policy", "PolicyDocument", false),
    // AWS::Logs::LogGroup
    ("aws_cloudwatch_log_group", "name", "LogGroupName", false),
    (
        "aws_cloudwatch_log_group",
        "retention_in_days",
        "RetentionInDays",
        false,
    ),
    ("aws_cloudwatch_log_group", "kms_key_id", "KmsKeyId", false),
    ("aws_cloudwatch_log_group", "log_group_class", "LogGroupClass", false),
    ("aws_cloudwatch_log_group", "tags", "Tags", false),
    // AWS::KMS::Key, AWS::KMS::Alias
    ("aws_kms_key", "description", "Description", false),
    ("aws_kms_key", "enable_key_rotation", "EnableKeyRotation", false),
    ("aws_kms_key", "is_enabled", "Enabled", false),
    ("aws_kms_key", "key_usage", "KeyUsage", false),
    ("aws_kms_key", "multi_region", "MultiRegion", false),
    ("aws_kms_key", "deletion_window_in_days", "PendingWindowInDays", false),
    ("aws_kms_key", "policy", "KeyPolicy", false),
    ("aws_kms_key", "tags", "Tags", false),
    ("aws_kms_alias", "name", "AliasName", false),
    ("aws_kms_alias", "target_key_id", "TargetKeyId", false),
    // AWS::EC2::FlowLog
    ("aws_flow_log", "traffic_type", "TrafficType", false),
    ("aws_flow_log", "log_destination", "LogDestination", false),
    ("aws_flow_log", "log_destination_type", "LogDestinationType", false),
    ("aws_flow_log", "log_group_name", "LogGroupName", false),
    ("aws_flow_log", "iam_role_arn", "DeliverLogsPermissionArn", false),
    ("aws_flow_log", "log_format", "LogFormat", false),
    (
        "aws_flow_log",
        "max_aggregation_interval",
        "MaxAggregationInterval",
        false,
    ),
    ("aws_flow_log", "tags", "Tags", false),
    // AWS::Logs::MetricFilter
    ("aws_cloudwatch_log_metric_filter", "name", "FilterName", false),
    ("aws_cloudwatch_log_metric_filter", "pattern", "FilterPattern", false),
    (
        "aws_cloudwatch_log_metric_filter",
        "log_group_name",
        "LogGroupName",
        false,
    ),
    (
        "aws_cloudwatch_log_metric_filter",
        "metric_transformation",
        "MetricTransformations",
        false,
    ),
    (
        "aws_cloudwatch_log_metric_filter",
        "metric_transformation.name",
        "MetricName",
        false,
    ),
    (
        "aws_cloudwatch_log_metric_filter",
        "metric_transformation.namespace",
        "MetricNamespace",
        false,
    ),
    (
        "aws_cloudwatch_log_metric_filter",
        "metric_transformation.value",
        "MetricValue",
        false,
    ),
    (
        "aws_cloudwatch_log_metric_filter",
        "metric_transformation.default_value",
        "DefaultValue",
        false,
    ),
    (
        "aws_cloudwatch_log_metric_filter",
        "metric_transformation.unit",
        "Unit",
        false,
    ),
    // AWS::CloudWatch::Alarm
    ("aws_cloudwatch_metric_alarm", "alarm_name", "AlarmName", false),
    ("aws_cloudwatch_metric_alarm", "alarm_actions", "AlarmActions", false),
    ("aws_cloudwatch_metric_alarm", "ok_actions", "OKActions", false),
    (
        "aws_cloudwatch_metric_alarm",
        "insufficient_data_actions",
        "InsufficientDataActions",
        false,
    ),
    (
        "aws_cloudwatch_metric_alarm",
        "actions_enabled",
        "ActionsEnabled",
        false,
    ),
    ("aws_cloudwatch_metric_alarm", "metric_name", "MetricName", false),
    ("aws_cloudwatch_metric_alarm", "namespace", "Namespace", false),
    (
        "aws_cloudwatch_metric_alarm",
        "comparison_operator",
        "ComparisonOperator",
        false,
    ),
    (
        "aws_cloudwatch_metric_alarm",
        "evaluation_periods",
        "EvaluationPeriods",
        false,
    ),
    ("aws_cloudwatch_metric_alarm", "period", "Period", false),
    ("aws_cloudwatch_metric_alarm", "statistic", "Statistic", false),
    ("aws_cloudwatch_metric_alarm", "threshold", "Threshold", false),
    ("aws_cloudwatch_metric_alarm", "tags", "Tags", false),
    // AWS::Events::Rule
    ("aws_cloudwatch_event_rule", "name", "Name", false),
    ("aws_cloudwatch_event_rule", "description", "Description", false),
    ("aws_cloudwatch_event_rule", "event_pattern", "EventPattern", false),
    ("aws_cloudwatch_event_rule", "event_bus_name", "EventBusName", false),
    (
        "aws_cloudwatch_event_rule",
        "schedule_expression",
        "ScheduleExpression",
        false,
    ),
    ("aws_cloudwatch_event_rule", "state", "State", false),
    ("aws_cloudwatch_event_rule", "tags", "Tags", false),
    // AWS::Config::ConfigurationRecorder, AWS::Config::DeliveryChannel
    ("aws_config_configuration_recorder", "name", "Name", false),
    ("aws_config_configuration_recorder", "role_arn", "RoleARN", false),
    (
        "aws_config_configuration_recorder",
        "recording_group",
        "RecordingGroup",
        true,
    ),
    (
        "aws_config_configuration_recorder",
        "recording_group.all_supported",
        "AllSupported",
        false,
    ),
    (
        "aws_config_configuration_recorder",
        "recording_group.include_global_resource_types",
        "IncludeGlobalResourceTypes",
        false,
    ),
    (
        "aws_config_configuration_recorder",
        "recording_group.resource_types",
        "ResourceTypes",
        false,
    ),
    (
        "aws_config_configuration_recorder",
        "recording_group.recording_strategy",
        "RecordingStrategy",
        true,
    ),
    (
        "aws_config_configuration_recorder",
        "recording_group.recording_strategy.use_only",
        "UseOnly",
        false,
    ),
    ("aws_config_delivery_channel", "name", "Name", false),
    ("aws_config_delivery_channel", "s3_bucket_name", "S3BucketName", false),
    ("aws_config_delivery_channel", "s3_key_prefix", "S3KeyPrefix", false),
    ("aws_config_delivery_channel", "s3_kms_key_arn", "S3KmsKeyArn", false),
    ("aws_config_delivery_channel", "sns_topic_arn", "SnsTopicARN", false),
    // AWS::S3::Bucket: provider v3 inline blocks
    ("aws_s3_bucket", "versioning", "VersioningConfiguration", true),
    ("aws_s3_bucket", "versioning.enabled", "Status", false),
    ("aws_s3_bucket", "logging", "LoggingConfiguration", true),
    ("aws_s3_bucket", "logging.target_bucket", "DestinationBucketName", false),
    ("aws_s3_bucket", "logging.target_prefix", "LogFilePrefix", false),
    (
        "aws_s3_bucket",
        "server_side_encryption_configuration",
        "BucketEncryption",
        true,
    ),
    (
        "aws_s3_bucket",
        "server_side_encryption_configuration.rule",
        "ServerSideEncryptionConfiguration",
        false,
    ),
    (
        "aws_s3_bucket",
        "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default",
        "ServerSideEncryptionByDefault",
        true,
    ),
    (
        "aws_s3_bucket",
        "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm",
        "SSEAlgorithm",
        false,
    ),
    (
        "aws_s3_bucket",
        "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.kms_master_key_id",
        "KMSMasterKeyID",
        false,
    ),
    (
        "aws_s3_bucket",
        "server_side_encryption_configuration.rule.bucket_key_enabled",
        "BucketKeyEnabled",
        false,
    ),
    (
        "aws_s3_bucket",
        "object_lock_configuration",
        "ObjectLockConfiguration",
        true,
    ),
    (
        "aws_s3_bucket",
        "object_lock_configuration.object_lock_enabled",
        "ObjectLockEnabled",
        false,
    ),
    ("aws_s3_bucket", "object_lock_configuration.rule", "Rule", true),
    (
        "aws_s3_bucket",
        "object_lock_configuration.rule.default_retention",
        "DefaultRetention",
        true,
    ),
    (
        "aws_s3_bucket",
        "object_lock_configuration.rule.default_retention.mode",
        "Mode",
        false,
    ),
    (
        "aws_s3_bucket",
        "object_lock_configuration.rule.default_retention.days",
        "Days",
        false,
    ),
    (
        "aws_s3_bucket",
        "object_lock_configuration.rule.default_retention.years",
        "Years",
        false,
    ),
    // AWS::S3::Bucket: split settings of provider v4+ written on the bucket (MERGED)
    (
        "aws_s3_bucket",
        "versioning_configuration",
        "VersioningConfiguration",
        true,
    ),
    ("aws_s3_bucket", "versioning_configuration.status", "Status", false),
    (
        "aws_s3_bucket",
        "public_access_block",
        "PublicAccessBlockConfiguration",
        true,
    ),
    (
        "aws_s3_bucket",
        "public_access_block.block_public_acls",
        "BlockPublicAcls",
        false,
    ),
    (
        "aws_s3_bucket",
        "public_access_block.block_public_policy",
        "BlockPublicPolicy",
        false,
    ),
    (
        "aws_s3_bucket",
        "public_access_block.ignore_public_acls",
        "IgnorePublicAcls",
        false,
    ),
    (
        "aws_s3_bucket",
        "public_access_block.restrict_public_buckets",
        "RestrictPublicBuckets",
        false,
    ),
    // AWS::EC2::FlowLog
    ("aws_flow_log", "destination_options", "DestinationOptions", true),
    ("aws_flow_log", "destination_options.file_format", "FileFormat", false),
    (
        "aws_flow_log",
        "destination_options.hive_compatible_partitions",
        "HiveCompatiblePartitions",
        false,
    ),
    (
        "aws_flow_log",
        "destination_options.per_hour_partition",
        "PerHourPartition",
        false,
    ),
    // AWS::EC2::VPC, AWS::EC2::Subnet
    ("aws_vpc", "cidr_block", "CidrBlock", false),
    ("aws_vpc", "enable_dns_support", "EnableDnsSupport", false),
    ("aws_vpc", "enable_dns_hostnames", "EnableDnsHostnames", false),
    ("aws_vpc", "instance_tenancy", "InstanceTenancy", false),
    ("aws_vpc", "tags", "Tags", false),
    ("aws_default_vpc", "enable_dns_support", "EnableDnsSupport", false),
    ("aws_default_vpc", "enable_dns_hostnames", "EnableDnsHostnames", false),
    ("aws_default_vpc", "tags", "Tags", false),
    ("aws_subnet", "vpc_id", "VpcId", false),
    ("aws_subnet", "cidr_block", "CidrBlock", false),
    ("aws_subnet", "availability_zone", "AvailabilityZone", false),
    ("aws_subnet", "map_public_ip_on_launch", "MapPublicIpOnLaunch", false),
    ("aws_subnet", "ipv6_cidr_block", "Ipv6CidrBlock", false),
    ("aws_subnet", "tags", "Tags", false),
    ("aws_default_subnet", "availability_zone", "AvailabilityZone", false),
    (
        "aws_default_subnet",
        "map_public_ip_on_launch",
        "MapPublicIpOnLaunch",
        false,
    ),
    ("aws_default_subnet", "tags", "Tags", false),
    // AWS::ElasticLoadBalancingV2::LoadBalancer (access_logs is LoadBalancerAttributes in CloudFormation: not renamed)
    ("aws_lb", "name", "Name", false),
    ("aws_lb", "load_balancer_type", "Type", false),
    ("aws_lb", "subnets", "Subnets", false),
    ("aws_lb", "security_groups", "SecurityGroups", false),
    ("aws_lb", "ip_address_type", "IpAddressType", false),
    ("aws_lb", "tags", "Tags", false),
    ("aws_alb", "name", "Name", false),
    ("aws_alb", "load_balancer_type", "Type", false),
    ("aws_alb", "subnets", "Subnets", false),
    ("aws_alb", "security_groups", "SecurityGroups", false),
    ("aws_alb", "ip_address_type", "IpAddressType", false),
    ("aws_alb", "tags", "Tags", false),
    // AWS::ElasticLoadBalancing::LoadBalancer
    ("aws_elb", "name", "LoadBalancerName", false),
    ("aws_elb", "subnets", "Subnets", false),
    ("aws_elb", "security_groups", "SecurityGroups", false),
    ("aws_elb", "availability_zones", "AvailabilityZones", false),
    ("aws_elb", "instances", "Instances", false),
    ("aws_elb", "cross_zone_load_balancing", "CrossZone", false),
    ("aws_elb", "access_logs", "AccessLoggingPolicy", true),
    ("aws_elb", "access_logs.bucket", "S3BucketName", false),
    ("aws_elb", "access_logs.bucket_prefix", "S3BucketPrefix", false),
    ("aws_elb", "access_logs.enabled", "Enabled", false),
    ("aws_elb", "access_logs.interval", "EmitInterval", false),
    ("aws_elb", "listener", "Listeners", false),
    ("aws_elb", "listener.instance_port", "InstancePort", false),
    ("aws_elb", "listener.instance_protocol", "InstanceProtocol", false),
    ("aws_elb", "listener.lb_port", "LoadBalancerPort", false),
    ("aws_elb", "listener.lb_protocol", "Protocol", false),
    ("aws_elb", "listener.ssl_certificate_id", "SSLCertificateId", false),
    ("aws_elb", "tags", "Tags", false),
    // AWS::ElasticLoadBalancingV2::Listener
    ("aws_lb_listener", "load_balancer_arn", "LoadBalancerArn", false),
    ("aws_lb_listener", "port", "Port", false),
    ("aws_lb_listener", "protocol", "Protocol", false),
    ("aws_lb_listener", "ssl_policy", "SslPolicy", false),
    ("aws_lb_listener", "alpn_policy", "AlpnPolicy", false),
    ("aws_lb_listener", "default_action", "DefaultActions", false),
    ("aws_lb_listener", "default_action.type", "Type", false),
    (
        "aws_lb_listener",
        "default_action.target_group_arn",
        "TargetGroupArn",
        false,
    ),
    ("aws_lb_listener", "default_action.order", "Order", false),
    ("aws_alb_listener", "load_balancer_arn", "LoadBalancerArn", false),
    ("aws_alb_listener", "port", "Port", false),
    ("aws_alb_listener", "protocol", "Protocol", false),
    ("aws_alb_listener", "ssl_policy", "SslPolicy", false),
    ("aws_alb_listener", "alpn_policy", "AlpnPolicy", false),
    ("aws_alb_listener", "default_action", "DefaultActions", false),
    ("aws_alb_listener", "default_action.type", "Type", false),
    (
        "aws_alb_listener",
        "default_action.target_group_arn",
        "TargetGroupArn",
        false,
    ),
    ("aws_alb_listener", "default_action.order", "Order", false),
    // AWS::CloudFront::Distribution (below DistributionConfig, see WRAPPED)
    ("aws_cloudfront_distribution", "enabled", "Enabled", false),
    ("aws_cloudfront_distribution", "aliases", "Aliases", false),
    ("aws_cloudfront_distribution", "comment", "Comment", false),
    (
        "aws_cloudfront_distribution",
        "default_root_object",
        "DefaultRootObject",
        false,
    ),
    ("aws_cloudfront_distribution", "http_version", "HttpVersion", false),
    ("aws_cloudfront_distribution", "is_ipv6_enabled", "IPV6Enabled", false),
    ("aws_cloudfront_distribution", "price_class", "PriceClass", false),
    ("aws_cloudfront_distribution", "web_acl_id", "WebACLId", false),
    ("aws_cloudfront_distribution", "logging_config", "Logging", true),
    ("aws_cloudfront_distribution", "logging_config.bucket", "Bucket", false),
    ("aws_cloudfront_distribution", "logging_config.prefix", "Prefix", false),
    (
        "aws_cloudfront_distribution",
        "logging_config.include_cookies",
        "IncludeCookies",
        false,
    ),
    ("aws_cloudfront_distribution", "origin", "Origins", false),
    ("aws_cloudfront_distribution", "origin.domain_name", "DomainName", false),
    ("aws_cloudfront_distribution", "origin.origin_id", "Id", false),
    ("aws_cloudfront_distribution", "origin.origin_path", "OriginPath", false),
    (
        "aws_cloudfront_distribution",
        "default_cache_behavior",
        "DefaultCacheBehavior",
        true,
    ),
    (
        "aws_cloudfront_distribution",
        "default_cache_behavior.target_origin_id",
        "TargetOriginId",
        false,
    ),
    (
        "aws_cloudfront_distribution",
        "default_cache_behavior.viewer_protocol_policy",
        "ViewerProtocolPolicy",
        false,
    ),
    (
        "aws_cloudfront_distribution",
        "default_cache_behavior.allowed_methods",
        "AllowedMethods",
        false,
    ),
    (
        "aws_cloudfront_distribution",
        "default_cache_behavior.cached_methods",
        "CachedMethods",
        false,
    ),
    (
        "aws_cloudfront_distribution",
        "default_cache_behavior.cache_policy_id",
        "CachePolicyId",
        false,
    ),
    (
        "aws_cloudfront_distribution",
        "default_cache_behavior.compress",
        "Compress",
        false,
    ),
    (
        "aws_cloudfront_distribution",
        "viewer_certificate",
        "ViewerCertificate",
        true,
    ),
    (
        "aws_cloudfront_distribution",
        "viewer_certificate.acm_certificate_arn",
        "AcmCertificateArn",
        false,
    ),
    (
        "aws_cloudfront_distribution",
        "viewer_certificate.cloudfront_default_certificate",
        "CloudFrontDefaultCertificate",
        false,
    ),
    (
        "aws_cloudfront_distribution",
        "viewer_certificate.minimum_protocol_version",
        "MinimumProtocolVersion",
        false,
    ),
    (
        "aws_cloudfront_distribution",
        "viewer_certificate.ssl_support_method",
        "SslSupportMethod",
        false,
    ),
    ("aws_cloudfront_distribution", "restrictions", "Restrictions", true),
    (
        "aws_cloudfront_distribution",
        "restrictions.geo_restriction",
        "GeoRestriction",
        true,
    ),
    (
        "aws_cloudfront_distribution",
        "restrictions.geo_restriction.restriction_type",
        "RestrictionType",
        false,
    ),
    (
        "aws_cloudfront_distribution",
        "restrictions.geo_restriction.locations",
        "Locations",
        false,
    ),
    ("aws_cloudfront_distribution", "tags", "Tags", false),
    // AWS::Config::ConfigRule, ConformancePack, OrganizationConfigRule, OrganizationConformancePack
    ("aws_config_config_rule", "name", "ConfigRuleName", false),
    ("aws_config_config_rule", "description", "Description", false),
    ("aws_config_config_rule", "input_parameters", "InputParameters", false),
    (
        "aws_config_config_rule",
        "maximum_execution_frequency",
        "MaximumExecutionFrequency",
        false,
    ),
    ("aws_config_config_rule", "source", "Source", true),
    ("aws_config_config_rule", "source.owner", "Owner", false),
    (
        "aws_config_config_rule",
        "source.source_identifier",
        "SourceIdentifier",
        false,
    ),
    ("aws_config_config_rule", "scope", "Scope", true),
    (
        "aws_config_config_rule",
        "scope.compliance_resource_types",
        "ComplianceResourceTypes",
        false,
    ),
    (
        "aws_config_config_rule",
        "scope.compliance_resource_id",
        "ComplianceResourceId",
        false,
    ),
    ("aws_config_config_rule", "tags", "Tags", false),
    ("aws_config_conformance_pack", "name", "ConformancePackName", false),
    ("aws_config_conformance_pack", "template_body", "TemplateBody", false),
    ("aws_config_conformance_pack", "template_s3_uri", "TemplateS3Uri", false),
    (
        "aws_config_conformance_pack",
        "delivery_s3_bucket",
        "DeliveryS3Bucket",
        false,
    ),
    (
        "aws_config_conformance_pack",
        "delivery_s3_key_prefix",
        "DeliveryS3KeyPrefix",
        false,
    ),
    (
        "aws_config_organization_conformance_pack",
        "name",
        "OrganizationConformancePackName",
        false,
    ),
    (
        "aws_config_organization_conformance_pack",
        "template_body",
        "TemplateBody",
        false,
    ),
    (
        "aws_config_organization_conformance_pack",
        "template_s3_uri",
        "TemplateS3Uri",
        false,
    ),
    (
        "aws_config_organization_conformance_pack",
        "delivery_s3_bucket",
        "DeliveryS3Bucket",
        false,
    ),
    (
        "aws_config_organization_conformance_pack",
        "delivery_s3_key_prefix",
        "DeliveryS3KeyPrefix",
        false,
    ),
    (
        "aws_config_organization_conformance_pack",
        "excluded_accounts",
        "ExcludedAccounts",
        false,
    ),
    (
        "aws_config_organization_managed_rule",
        "name",
        "OrganizationConfigRuleName",
        false,
    ),
    (
        "aws_config_organization_managed_rule",
        "excluded_accounts",
        "ExcludedAccounts",
        false,
    ),
    (
        "aws_config_organization_custom_rule",
        "name",
        "OrganizationConfigRuleName",
        false,
    ),
    (
        "aws_config_organization_custom_rule",
        "excluded_accounts",
        "ExcludedAccounts",
        false,
    ),
    (
        "aws_config_organization_custom_policy_rule",
        "name",
        "OrganizationConfigRuleName",
        false,
    ),
    (
        "aws_config_organization_custom_policy_rule",
        "excluded_accounts",
        "ExcludedAccounts",
        false,
    ),
    // AWS::Config::ConfigurationAggregator
    (
        "aws_config_configuration_aggregator",
        "name",
        "ConfigurationAggregatorName",
        false,
    ),
    (
        "aws_config_configuration_aggregator",
        "account_aggregation_source",
        "AccountAggregationSources",
        false,
    ),
    (
        "aws_config_configuration_aggregator",
        "account_aggregation_source.account_ids",
        "AccountIds",
        false,
    ),
    (
        "aws_config_configuration_aggregator",
        "account_aggregation_source.all_regions",
        "AllAwsRegions",
        false,
    ),
    (
        "aws_config_configuration_aggregator",
        "account_aggregation_source.regions",
        "AwsRegions",
        false,
    ),
    (
        "aws_config_configuration_aggregator",
        "organization_aggregation_source",
        "OrganizationAggregationSource",
        true,
    ),
    (
        "aws_config_configuration_aggregator",
        "organization_aggregation_source.role_arn",
        "RoleArn",
        false,
    ),
    (
        "aws_config_configuration_aggregator",
        "organization_aggregation_source.all_regions",
        "AllAwsRegions",
        false,
    ),
    (
        "aws_config_configuration_aggregator",
        "organization_aggregation_source.regions",
        "AwsRegions",
        false,
    ),
    ("aws_config_configuration_aggregator", "tags", "Tags", false),
    // AWS::ApiGateway::Stage, Deployment, Account
    ("aws_api_gateway_stage", "stage_name", "StageName", false),
    ("aws_api_gateway_stage", "rest_api_id", "RestApiId", false),
    ("aws_api_gateway_stage", "deployment_id", "DeploymentId", false),
    ("aws_api_gateway_stage", "description", "Description", false),
    ("aws_api_gateway_stage", "xray_tracing_enabled", "TracingEnabled", false),
    (
        "aws_api_gateway_stage",
        "cache_cluster_enabled",
        "CacheClusterEnabled",
        false,
    ),
    ("aws_api_gateway_stage", "cache_cluster_size", "CacheClusterSize", false),
    (
        "aws_api_gateway_stage",
        "client_certificate_id",
        "ClientCertificateId",
        false,
    ),
    (
        "aws_api_gateway_stage",
        "documentation_version",
        "DocumentationVersion",
        false,
    ),
    ("aws_api_gateway_stage", "variables", "Variables", false),
    ("aws_api_gateway_stage", "access_log_settings", "AccessLogSetting", true),
    (
        "aws_api_gateway_stage",
        "access_log_settings.destination_arn",
        "DestinationArn",
        false,
    ),
    ("aws_api_gateway_stage", "access_log_settings.format", "Format", false),
    ("aws_api_gateway_stage", "tags", "Tags", false),
    ("aws_api_gateway_deployment", "rest_api_id", "RestApiId", false),
    ("aws_api_gateway_deployment", "description", "Description", false),
    ("aws_api_gateway_deployment", "stage_name", "StageName", false),
    (
        "aws_api_gateway_account",
        "cloudwatch_role_arn",
        "CloudWatchRoleArn",
        false,
    ),
    // AWS::ApiGatewayV2::Stage, Api (their Tags are a map in CloudFormation too)
    ("aws_apigatewayv2_stage", "api_id", "ApiId", false),
    ("aws_apigatewayv2_stage", "name", "StageName", false),
    ("aws_apigatewayv2_stage", "auto_deploy", "AutoDeploy", false),
    ("aws_apigatewayv2_stage", "deployment_id", "DeploymentId", false),
    ("aws_apigatewayv2_stage", "description", "Description", false),
    (
        "aws_apigatewayv2_stage",
        "client_certificate_id",
        "ClientCertificateId",
        false,
    ),
    ("aws_apigatewayv2_stage", "stage_variables", "StageVariables", false),
    (
        "aws_apigatewayv2_stage",
        "access_log_settings",
        "AccessLogSettings",
        true,
    ),
    (
        "aws_apigatewayv2_stage",
        "access_log_settings.destination_arn",
        "DestinationArn",
        false,
    ),
    ("aws_apigatewayv2_stage", "access_log_settings.format", "Format", false),
    (
        "aws_apigatewayv2_stage",
        "default_route_settings",
        "DefaultRouteSettings",
        true,
    ),
    (
        "aws_apigatewayv2_stage",
        "default_route_settings.logging_level",
        "LoggingLevel",
        false,
    ),
    (
        "aws_apigatewayv2_stage",
        "default_route_settings.data_trace_enabled",
        "DataTraceEnabled",
        false,
    ),
    (
        "aws_apigatewayv2_stage",
        "default_route_settings.detailed_metrics_enabled",
        "DetailedMetricsEnabled",
        false,
    ),
    (
        "aws_apigatewayv2_stage",
        "default_route_settings.throttling_burst_limit",
        "ThrottlingBurstLimit",
        false,
    ),
    (
        "aws_apigatewayv2_stage",
        "default_route_settings.throttling_rate_limit",
        "ThrottlingRateLimit",
        false,
    ),
    ("aws_apigatewayv2_stage", "tags", "Tags", false),
    ("aws_apigatewayv2_api", "name", "Name", false),
    ("aws_apigatewayv2_api", "protocol_type", "ProtocolType", false),
    ("aws_apigatewayv2_api", "description", "Description", false),
    ("aws_apigatewayv2_api", "version", "Version", false),
    (
        "aws_apigatewayv2_api",
        "disable_execute_api_endpoint",
        "DisableExecuteApiEndpoint",
        false,
    ),
    (
        "aws_apigatewayv2_api",
        "route_selection_expression",
        "RouteSelectionExpression",
        false,
    ),
    ("aws_apigatewayv2_api", "tags", "Tags", false),
    // AWS::WAFv2::WebACL, AWS::WAFv2::LoggingConfiguration, AWS::WAF::WebACL, AWS::WAFRegional::WebACL
    ("aws_wafv2_web_acl", "name", "Name", false),
    ("aws_wafv2_web_acl", "scope", "Scope", false),
    ("aws_wafv2_web_acl", "description", "Description", false),
    ("aws_wafv2_web_acl", "default_action", "DefaultAction", true),
    ("aws_wafv2_web_acl", "default_action.allow", "Allow", true),
    ("aws_wafv2_web_acl", "default_action.block", "Block", true),
    ("aws_wafv2_web_acl", "visibility_config", "VisibilityConfig", true),
    (
        "aws_wafv2_web_acl",
        "visibility_config.cloudwatch_metrics_enabled",
        "CloudWatchMetricsEnabled",
        false,
    ),
    (
        "aws_wafv2_web_acl",
        "visibility_config.metric_name",
        "MetricName",
        false,
    ),
    (
        "aws_wafv2_web_acl",
        "visibility_config.sampled_requests_enabled",
        "SampledRequestsEnabled",
        false,
    ),
    ("aws_wafv2_web_acl", "rule", "Rules", false),
    ("aws_wafv2_web_acl", "rule.name", "Name", false),
    ("aws_wafv2_web_acl", "rule.priority", "Priority", false),
    ("aws_wafv2_web_acl", "rule.visibility_config", "VisibilityConfig", true),
    (
        "aws_wafv2_web_acl",
        "rule.visibility_config.cloudwatch_metrics_enabled",
        "CloudWatchMetricsEnabled",
        false,
    ),
    (
        "aws_wafv2_web_acl",
        "rule.visibility_config.metric_name",
        "MetricName",
        false,
    ),
    (
        "aws_wafv2_web_acl",
        "rule.visibility_config.sampled_requests_enabled",
        "SampledRequestsEnabled",
        false,
    ),
    ("aws_wafv2_web_acl", "tags", "Tags", false),
    (
        "aws_wafv2_web_acl_logging_configuration",
        "resource_arn",
        "ResourceArn",
        false,
    ),
    (
        "aws_wafv2_web_acl_logging_configuration",
        "log_destination_configs",
        "LogDestinationConfigs",
        false,
    ),
    ("aws_waf_web_acl", "name", "Name", false),
    ("aws_waf_web_acl", "metric_name", "MetricName", false),
    ("aws_waf_web_acl", "default_action", "DefaultAction", true),
    ("aws_waf_web_acl", "default_action.type", "Type", false),
    ("aws_wafregional_web_acl", "name", "Name", false),
    ("aws_wafregional_web_acl", "metric_name", "MetricName", false),
    ("aws_wafregional_web_acl", "default_action", "DefaultAction", true),
    ("aws_wafregional_web_acl", "default_action.type", "Type", false),
    // AWS::Logs::DeliverySource, Delivery, DeliveryDestination
    ("aws_cloudwatch_log_delivery_source", "name", "Name", false),
    ("aws_cloudwatch_log_delivery_source", "log_type", "LogType", false),
    (
        "aws_cloudwatch_log_delivery_source",
        "resource_arn",
        "ResourceArn",
        false,
    ),
    ("aws_cloudwatch_log_delivery_source", "tags", "Tags", false),
    (
        "aws_cloudwatch_log_delivery",
        "delivery_source_name",
        "DeliverySourceName",
        false,
    ),
    (
        "aws_cloudwatch_log_delivery",
        "delivery_destination_arn",
        "DeliveryDestinationArn",
        false,
    ),
    (
        "aws_cloudwatch_log_delivery",
        "field_delimiter",
        "FieldDelimiter",
        false,
    ),
    ("aws_cloudwatch_log_delivery", "record_fields", "RecordFields", false),
    ("aws_cloudwatch_log_delivery", "tags", "Tags", false),
    ("aws_cloudwatch_log_delivery_destination", "name", "Name", false),
    (
        "aws_cloudwatch_log_delivery_destination",
        "output_format",
        "OutputFormat",
        false,
    ),
    (
        "aws_cloudwatch_log_delivery_destination",
        "delivery_destination_configuration.destination_resource_arn",
        "DestinationResourceArn",
        false,
    ),
    ("aws_cloudwatch_log_delivery_destination", "tags", "Tags", false),
    // AWS::RDS::DBInstance, AWS::RDS::DBCluster, AWS::DocDB::DBCluster, AWS::Neptune::DBCluster
    ("aws_db_instance", "identifier", "DBInstanceIdentifier", false),
    ("aws_db_instance", "engine", "Engine", false),
    ("aws_db_instance", "engine_version", "EngineVersion", false),
    ("aws_db_instance", "instance_class", "DBInstanceClass", false),
    ("aws_db_instance", "db_name", "DBName", false),
    ("aws_db_instance", "username", "MasterUsername", false),
    ("aws_db_instance", "storage_encrypted", "StorageEncrypted", false),
    ("aws_db_instance", "kms_key_id", "KmsKeyId", false),
    (
        "aws_db_instance",
        "enabled_cloudwatch_logs_exports",
        "EnableCloudwatchLogsExports",
        false,
    ),
    ("aws_db_instance", "publicly_accessible", "PubliclyAccessible", false),
    ("aws_db_instance", "multi_az", "MultiAZ", false),
    (
        "aws_db_instance",
        "backup_retention_period",
        "BackupRetentionPeriod",
        false,
    ),
    ("aws_db_instance", "deletion_protection", "DeletionProtection", false),
    ("aws_db_instance", "parameter_group_name", "DBParameterGroupName", false),
    ("aws_db_instance", "monitoring_interval", "MonitoringInterval", false),
    ("aws_db_instance", "monitoring_role_arn", "MonitoringRoleArn", false),
    (
        "aws_db_instance",
        "performance_insights_enabled",
        "EnablePerformanceInsights",
        false,
    ),
    (
        "aws_db_instance",
        "iam_database_authentication_enabled",
        "EnableIAMDatabaseAuthentication",
        false,
    ),
    ("aws_db_instance", "cluster_identifier", "DBClusterIdentifier", false),
    ("aws_db_instance", "tags", "Tags", false),
    ("aws_rds_cluster", "cluster_identifier", "DBClusterIdentifier", false),
    ("aws_rds_cluster", "engine", "Engine", false),
    ("aws_rds_cluster", "engine_version", "EngineVersion", false),
    ("aws_rds_cluster", "engine_mode", "EngineMode", false),
    ("aws_rds_cluster", "database_name", "DatabaseName", false),
    ("aws_rds_cluster", "master_username", "MasterUsername", false),
    ("aws_rds_cluster", "storage_encrypted", "StorageEncrypted", false),
    ("aws_rds_cluster", "kms_key_id", "KmsKeyId", false),
    (
        "aws_rds_cluster",
        "enabled_cloudwatch_logs_exports",
        "EnableCloudwatchLogsExports",
        false,
    ),
    (
        "aws_rds_cluster",
        "backup_retention_period",
        "BackupRetentionPeriod",
        false,
    ),
    ("aws_rds_cluster", "deletion_protection", "DeletionProtection", false),
    (
        "aws_rds_cluster",
        "db_cluster_parameter_group_name",
        "DBClusterParameterGroupName",
        false,
    ),
    (
        "aws_rds_cluster",
        "iam_database_authentication_enabled",
        "EnableIAMDatabaseAuthentication",
        false,
    ),
    ("aws_rds_cluster", "tags", "Tags", false),
    ("aws_docdb_cluster", "cluster_identifier", "DBClusterIdentifier", false),
    ("aws_docdb_cluster", "engine_version", "EngineVersion", false),
    ("aws_docdb_cluster", "master_username", "MasterUsername", false),
    ("aws_docdb_cluster", "storage_encrypted", "StorageEncrypted", false),
    ("aws_docdb_cluster", "kms_key_id", "KmsKeyId", false),
    (
        "aws_docdb_cluster",
        "enabled_cloudwatch_logs_exports",
        "EnableCloudwatchLogsExports",
        false,
    ),
    (
        "aws_docdb_cluster",
        "backup_retention_period",
        "BackupRetentionPeriod",
        false,
    ),
    ("aws_docdb_cluster", "deletion_protection", "DeletionProtection", false),
    (
        "aws_docdb_cluster",
        "db_cluster_parameter_group_name",
        "DBClusterParameterGroupName",
        false,
    ),
    ("aws_docdb_cluster", "tags", "Tags", false),
    (
        "aws_neptune_cluster",
        "cluster_identifier",
        "DBClusterIdentifier",
        false,
    ),
    ("aws_neptune_cluster", "engine_version", "EngineVersion", false),
    ("aws_neptune_cluster", "storage_encrypted", "StorageEncrypted", false),
    ("aws_neptune_cluster", "kms_key_arn", "KmsKeyId", false),
    (
        "aws_neptune_cluster",
        "enable_cloudwatch_logs_exports",
        "EnableCloudwatchLogsExports",
        false,
    ),
    (
        "aws_neptune_cluster",
        "backup_retention_period",
        "BackupRetentionPeriod",
        false,
    ),
    (
        "aws_neptune_cluster",
        "deletion_protection",
        "DeletionProtection",
        false,
    ),
    (
        "aws_neptune_cluster",
        "iam_database_authentication_enabled",
        "IamAuthEnabled",
        false,
    ),
    (
        "aws_neptune_cluster",
        "neptune_cluster_parameter_group_name",
        "DBClusterParameterGroupName",
        false,
    ),
    ("aws_neptune_cluster", "tags", "Tags", false),
    // AWS::EKS::Cluster (enabled_cluster_log_types is Logging.ClusterLogging.EnabledTypes[].Type: not renamed)
    ("aws_eks_cluster", "name", "Name", false),
    ("aws_eks_cluster", "role_arn", "RoleArn", false),
    ("aws_eks_cluster", "version", "Version", false),
    ("aws_eks_cluster", "vpc_config", "ResourcesVpcConfig", true),
    ("aws_eks_cluster", "vpc_config.subnet_ids", "SubnetIds", false),
    (
        "aws_eks_cluster",
        "vpc_config.security_group_ids",
        "SecurityGroupIds",
        false,
    ),
    (
        "aws_eks_cluster",
        "vpc_config.endpoint_public_access",
        "EndpointPublicAccess",
        false,
    ),
    (
        "aws_eks_cluster",
        "vpc_config.endpoint_private_access",
        "EndpointPrivateAccess",
        false,
    ),
    (
        "aws_eks_cluster",
        "vpc_config.public_access_cidrs",
        "PublicAccessCidrs",
        false,
    ),
    ("aws_eks_cluster", "tags", "Tags", false),
    // AWS::GuardDuty::Detector
    ("aws_guardduty_detector", "enable", "Enable", false),
    (
        "aws_guardduty_detector",
        "finding_publishing_frequency",
        "FindingPublishingFrequency",
        false,
    ),
    ("aws_guardduty_detector", "datasources", "DataSources", true),
    ("aws_guardduty_detector", "datasources.s3_logs", "S3Logs", true),
    ("aws_guardduty_detector", "datasources.s3_logs.enable", "Enable", false),
    ("aws_guardduty_detector", "datasources.kubernetes", "Kubernetes", true),
    (
        "aws_guardduty_detector",
        "datasources.kubernetes.audit_logs",
        "AuditLogs",
        true,
    ),
    (
        "aws_guardduty_detector",
        "datasources.kubernetes.audit_logs.enable",
        "Enable",
        false,
    ),
    ("aws_guardduty_detector", "feature", "Features", false),
    ("aws_guardduty_detector", "feature.name", "Name", false),
    ("aws_guardduty_detector", "feature.status", "Status", false),
    (
        "aws_guardduty_detector",
        "feature.additional_configuration",
        "AdditionalConfiguration",
        false,
    ),
    (
        "aws_guardduty_detector",
        "feature.additional_configuration.name",
        "Name",
        false,
    ),
    (
        "aws_guardduty_detector",
        "feature.additional_configuration.status",
        "Status",
        false,
    ),
    ("aws_guardduty_detector", "tags", "Tags", false),
    // AWS::SecurityHub::Hub, DelegatedAdmin, OrganizationConfiguration
    (
        "aws_securityhub_account",
        "enable_default_standards",
        "EnableDefaultStandards",
        false,
    ),
    (
        "aws_securityhub_account",
        "control_finding_generator",
        "ControlFindingGenerator",
        false,
    ),
    (
        "aws_securityhub_account",
        "auto_enable_controls",
        "AutoEnableControls",
        false,
    ),
    (
        "aws_securityhub_organization_admin_account",
        "admin_account_id",
        "AdminAccountId",
        false,
    ),
    (
        "aws_securityhub_organization_configuration",
        "auto_enable",
        "AutoEnable",
        false,
    ),
    (
        "aws_securityhub_organization_configuration",
        "auto_enable_standards",
        "AutoEnableStandards",
        false,
    ),
    // AWS::OpenSearchService::Domain, AWS::Elasticsearch::Domain (log_publishing_options: see KEYED)
    ("aws_opensearch_domain", "domain_name", "DomainName", false),
    ("aws_opensearch_domain", "engine_version", "EngineVersion", false),
    ("aws_opensearch_domain", "access_policies", "AccessPolicies", false),
    (
        "aws_opensearch_domain",
        "log_publishing_options",
        "LogPublishingOptions",
        false,
    ),
    (
        "aws_opensearch_domain",
        "log_publishing_options.cloudwatch_log_group_arn",
        "CloudWatchLogsLogGroupArn",
        false,
    ),
    (
        "aws_opensearch_domain",
        "log_publishing_options.enabled",
        "Enabled",
        false,
    ),
    (
        "aws_opensearch_domain",
        "encrypt_at_rest",
        "EncryptionAtRestOptions",
        true,
    ),
    ("aws_opensearch_domain", "encrypt_at_rest.enabled", "Enabled", false),
    ("aws_opensearch_domain", "encrypt_at_rest.kms_key_id", "KmsKeyId", false),
    (
        "aws_opensearch_domain",
        "node_to_node_encryption",
        "NodeToNodeEncryptionOptions",
        true,
    ),
    (
        "aws_opensearch_domain",
        "node_to_node_encryption.enabled",
        "Enabled",
        false,
    ),
    (
        "aws_opensearch_domain",
        "domain_endpoint_options",
        "DomainEndpointOptions",
        true,
    ),
    (
        "aws_opensearch_domain",
        "domain_endpoint_options.enforce_https",
        "EnforceHTTPS",
        false,
    ),
    (
        "aws_opensearch_domain",
        "domain_endpoint_options.tls_security_policy",
        "TLSSecurityPolicy",
        false,
    ),
    ("aws_opensearch_domain", "cluster_config", "ClusterConfig", true),
    (
        "aws_opensearch_domain",
        "cluster_config.instance_type",
        "InstanceType",
        false,
    ),
    (
        "aws_opensearch_domain",
        "cluster_config.instance_count",
        "InstanceCount",
        false,
    ),
    ("aws_opensearch_domain", "ebs_options", "EBSOptions", true),
    ("aws_opensearch_domain", "ebs_options.ebs_enabled", "EBSEnabled", false),
    ("aws_opensearch_domain", "ebs_options.volume_size", "VolumeSize", false),
    ("aws_opensearch_domain", "ebs_options.volume_type", "VolumeType", false),
    (
        "aws_opensearch_domain",
        "advanced_security_options",
        "AdvancedSecurityOptions",
        true,
    ),
    (
        "aws_opensearch_domain",
        "advanced_security_options.enabled",
        "Enabled",
        false,
    ),
    ("aws_opensearch_domain", "tags", "Tags", false),
    ("aws_elasticsearch_domain", "domain_name", "DomainName", false),
    (
        "aws_elasticsearch_domain",
        "elasticsearch_version",
        "ElasticsearchVersion",
        false,
    ),
    ("aws_elasticsearch_domain", "access_policies", "AccessPolicies", false),
    (
        "aws_elasticsearch_domain",
        "log_publishing_options",
        "LogPublishingOptions",
        false,
    ),
    (
        "aws_elasticsearch_domain",
        "log_publishing_options.cloudwatch_log_group_arn",
        "CloudWatchLogsLogGroupArn",
        false,
    ),
    (
        "aws_elasticsearch_domain",
        "log_publishing_options.enabled",
        "Enabled",
        false,
    ),
    (
        "aws_elasticsearch_domain",
        "encrypt_at_rest",
        "EncryptionAtRestOptions",
        true,
    ),
    ("aws_elasticsearch_domain", "encrypt_at_rest.enabled", "Enabled", false),
    (
        "aws_elasticsearch_domain",
        "encrypt_at_rest.kms_key_id",
        "KmsKeyId",
        false,
    ),
    (
        "aws_elasticsearch_domain",
        "node_to_node_encryption",
        "NodeToNodeEncryptionOptions",
        true,
    ),
    (
        "aws_elasticsearch_domain",
        "node_to_node_encryption.enabled",
        "Enabled",
        false,
    ),
    (
        "aws_elasticsearch_domain",
        "domain_endpoint_options",
        "DomainEndpointOptions",
        true,
    ),
    (
        "aws_elasticsearch_domain",
        "domain_endpoint_options.enforce_https",
        "EnforceHTTPS",
        false,
    ),
    (
        "aws_elasticsearch_domain",
        "domain_endpoint_options.tls_security_policy",
        "TLSSecurityPolicy",
        false,
    ),
    (
        "aws_elasticsearch_domain",
        "cluster_config",
        "ElasticsearchClusterConfig",
        true,
    ),
    (
        "aws_elasticsearch_domain",
        "cluster_config.instance_type",
        "InstanceType",
        false,
    ),
    (
        "aws_elasticsearch_domain",
        "cluster_config.instance_count",
        "InstanceCount",
        false,
    ),
    ("aws_elasticsearch_domain", "ebs_options", "EBSOptions", true),
    (
        "aws_elasticsearch_domain",
        "ebs_options.ebs_enabled",
        "EBSEnabled",
        false,
    ),
    (
        "aws_elasticsearch_domain",
        "ebs_options.volume_size",
        "VolumeSize",
        false,
    ),
    (
        "aws_elasticsearch_domain",
        "ebs_options.volume_type",
        "VolumeType",
        false,
    ),
    ("aws_elasticsearch_domain", "tags", "Tags", false),
    // AWS::Route53::HostedZone, AWS::Route53Resolver::ResolverQueryLoggingConfig(Association)
    ("aws_route53_zone", "name", "Name", false),
    ("aws_route53_zone", "vpc", "VPCs", false),
    ("aws_route53_zone", "vpc.vpc_id", "VPCId", false),
    ("aws_route53_zone", "vpc.vpc_region", "VPCRegion", false),
    ("aws_route53_zone", "tags", "HostedZoneTags", false),
    ("aws_route53_resolver_query_log_config", "name", "Name", false),
    (
        "aws_route53_resolver_query_log_config",
        "destination_arn",
        "DestinationArn",
        false,
    ),
    ("aws_route53_resolver_query_log_config", "tags", "Tags", false),
    (
        "aws_route53_resolver_query_log_config_association",
        "resolver_query_log_config_id",
        "ResolverQueryLogConfigId",
        false,
    ),
    (
        "aws_route53_resolver_query_log_config_association",
        "resource_id",
        "ResourceId",
        false,
    ),
    // AWS::Redshift::Cluster, AWS::RedshiftServerless::Namespace
    ("aws_redshift_cluster", "cluster_identifier", "ClusterIdentifier", false),
    ("aws_redshift_cluster", "node_type", "NodeType", false),
    ("aws_redshift_cluster", "cluster_type", "ClusterType", false),
    ("aws_redshift_cluster", "number_of_nodes", "NumberOfNodes", false),
    ("aws_redshift_cluster", "database_name", "DBName", false),
    ("aws_redshift_cluster", "master_username", "MasterUsername", false),
    ("aws_redshift_cluster", "encrypted", "Encrypted", false),
    ("aws_redshift_cluster", "kms_key_id", "KmsKeyId", false),
    (
        "aws_redshift_cluster",
        "publicly_accessible",
        "PubliclyAccessible",
        false,
    ),
    (
        "aws_redshift_cluster",
        "enhanced_vpc_routing",
        "EnhancedVpcRouting",
        false,
    ),
    (
        "aws_redshift_cluster",
        "cluster_parameter_group_name",
        "ClusterParameterGroupName",
        false,
    ),
    ("aws_redshift_cluster", "logging", "LoggingProperties", true),
    ("aws_redshift_cluster", "logging.bucket_name", "BucketName", false),
    ("aws_redshift_cluster", "logging.s3_key_prefix", "S3KeyPrefix", false),
    (
        "aws_redshift_cluster",
        "logging.log_destination_type",
        "LogDestinationType",
        false,
    ),
    ("aws_redshift_cluster", "logging.log_exports", "LogExports", false),
    ("aws_redshift_cluster", "tags", "Tags", false),
    (
        "aws_redshiftserverless_namespace",
        "namespace_name",
        "NamespaceName",
        false,
    ),
    ("aws_redshiftserverless_namespace", "db_name", "DbName", false),
    (
        "aws_redshiftserverless_namespace",
        "admin_username",
        "AdminUsername",
        false,
    ),
    ("aws_redshiftserverless_namespace", "kms_key_id", "KmsKeyId", false),
    ("aws_redshiftserverless_namespace", "log_exports", "LogExports", false),
    ("aws_redshiftserverless_namespace", "iam_roles", "IamRoles", false),
    (
        "aws_redshiftserverless_namespace",
        "default_iam_role_arn",
        "DefaultIamRoleArn",
        false,
    ),
    ("aws_redshiftserverless_namespace", "tags", "Tags", false),
    // AWS::NetworkFirewall::Firewall, AWS::NetworkFirewall::LoggingConfiguration
    ("aws_networkfirewall_firewall", "name", "FirewallName", false),
    (
        "aws_networkfirewall_firewall",
        "firewall_policy_arn",
        "FirewallPolicyArn",
        false,
    ),
    ("aws_networkfirewall_firewall", "vpc_id", "VpcId", false),
    (
        "aws_networkfirewall_firewall",
        "subnet_mapping",
        "SubnetMappings",
        false,
    ),
    (
        "aws_networkfirewall_firewall",
        "subnet_mapping.subnet_id",
        "SubnetId",
        false,
    ),
    (
        "aws_networkfirewall_firewall",
        "delete_protection",
        "DeleteProtection",
        false,
    ),
    ("aws_networkfirewall_firewall", "description", "Description", false),
    ("aws_networkfirewall_firewall", "tags", "Tags", false),
    (
        "aws_networkfirewall_logging_configuration",
        "firewall_arn",
        "FirewallArn",
        false,
    ),
    (
        "aws_networkfirewall_logging_configuration",
        "logging_configuration",
        "LoggingConfiguration",
        true,
    ),
    (
        "aws_networkfirewall_logging_configuration",
        "logging_configuration.log_destination_config",
        "LogDestinationConfigs",
        false,
    ),
    (
        "aws_networkfirewall_logging_configuration",
        "logging_configuration.log_destination_config.log_destination",
        "LogDestination",
        false,
    ),
    (
        "aws_networkfirewall_logging_configuration",
        "logging_configuration.log_destination_config.log_destination_type",
        "LogDestinationType",
        false,
    ),
    (
        "aws_networkfirewall_logging_configuration",
        "logging_configuration.log_destination_config.log_type",
        "LogType",
        false,
    ),
    // AWS::MSK::Cluster (Tags are a map in CloudFormation too), AWS::AmazonMQ::Broker
    ("aws_msk_cluster", "cluster_name", "ClusterName", false),
    ("aws_msk_cluster", "kafka_version", "KafkaVersion", false),
    (
        "aws_msk_cluster",
        "number_of_broker_nodes",
        "NumberOfBrokerNodes",
        false,
    ),
    ("aws_msk_cluster", "enhanced_monitoring", "EnhancedMonitoring", false),
    ("aws_msk_cluster", "logging_info", "LoggingInfo", true),
    ("aws_msk_cluster", "logging_info.broker_logs", "BrokerLogs", true),
    (
        "aws_msk_cluster",
        "logging_info.broker_logs.cloudwatch_logs",
        "CloudWatchLogs",
        true,
    ),
    (
        "aws_msk_cluster",
        "logging_info.broker_logs.cloudwatch_logs.enabled",
        "Enabled",
        false,
    ),
    (
        "aws_msk_cluster",
        "logging_info.broker_logs.cloudwatch_logs.log_group",
        "LogGroup",
        false,
    ),
    ("aws_msk_cluster", "logging_info.broker_logs.s3", "S3", true),
    (
        "aws_msk_cluster",
        "logging_info.broker_logs.s3.enabled",
        "Enabled",
        false,
    ),
    ("aws_msk_cluster", "logging_info.broker_logs.s3.bucket", "Bucket", false),
    ("aws_msk_cluster", "logging_info.broker_logs.s3.prefix", "Prefix", false),
    ("aws_msk_cluster", "logging_info.broker_logs.firehose", "Firehose", true),
    (
        "aws_msk_cluster",
        "logging_info.broker_logs.firehose.enabled",
        "Enabled",
        false,
    ),
    (
        "aws_msk_cluster",
        "logging_info.broker_logs.firehose.delivery_stream",
        "DeliveryStream",
        false,
    ),
    ("aws_msk_cluster", "tags", "Tags", false),
    ("aws_mq_broker", "broker_name", "BrokerName", false),
    ("aws_mq_broker", "engine_type", "EngineType", false),
    ("aws_mq_broker", "engine_version", "EngineVersion", false),
    ("aws_mq_broker", "host_instance_type", "HostInstanceType", false),
    ("aws_mq_broker", "deployment_mode", "DeploymentMode", false),
    ("aws_mq_broker", "publicly_accessible", "PubliclyAccessible", false),
    (
        "aws_mq_broker",
        "auto_minor_version_upgrade",
        "AutoMinorVersionUpgrade",
        false,
    ),
    ("aws_mq_broker", "subnet_ids", "SubnetIds", false),
    ("aws_mq_broker", "security_groups", "SecurityGroups", false),
    ("aws_mq_broker", "logs", "Logs", true),
    ("aws_mq_broker", "logs.general", "General", false),
    ("aws_mq_broker", "logs.audit", "Audit", false),
    ("aws_mq_broker", "tags", "Tags", false),
    // AWS::IAM::Role, AWS::IAM::ServiceLinkedRole
    ("aws_iam_role", "name", "RoleName", false),
    ("aws_iam_role", "assume_role_policy", "AssumeRolePolicyDocument", false),
    ("aws_iam_role", "description", "Description", false),
    ("aws_iam_role", "path", "Path", false),
    ("aws_iam_role", "max_session_duration", "MaxSessionDuration", false),
    ("aws_iam_role", "permissions_boundary", "PermissionsBoundary", false),
    ("aws_iam_role", "managed_policy_arns", "ManagedPolicyArns", false),
    ("aws_iam_role", "inline_policy", "Policies", false),
    ("aws_iam_role", "inline_policy.name", "PolicyName", false),
    ("aws_iam_role", "inline_policy.policy", "PolicyDocument", false),
    ("aws_iam_role", "tags", "Tags", false),
    (
        "aws_iam_service_linked_role",
        "aws_service_name",
        "AWSServiceName",
        false,
    ),
    ("aws_iam_service_linked_role", "custom_suffix", "CustomSuffix", false),
    ("aws_iam_service_linked_role", "description", "Description", false),
    // AWS::SNS::Topic, AWS::SNS::Subscription
    ("aws_sns_topic", "name", "TopicName", false),
    ("aws_sns_topic", "display_name", "DisplayName", false),
    ("aws_sns_topic", "kms_master_key_id", "KmsMasterKeyId", false),
    ("aws_sns_topic", "fifo_topic", "FifoTopic", false),
    (
        "aws_sns_topic",
        "content_based_deduplication",
        "ContentBasedDeduplication",
        false,
    ),
    ("aws_sns_topic", "signature_version", "SignatureVersion", false),
    ("aws_sns_topic", "tracing_config", "TracingConfig", false),
    ("aws_sns_topic", "tags", "Tags", false),
    ("aws_sns_topic_subscription", "topic_arn", "TopicArn", false),
    ("aws_sns_topic_subscription", "protocol", "Protocol", false),
    ("aws_sns_topic_subscription", "endpoint", "Endpoint", false),
    ("aws_sns_topic_subscription", "filter_policy", "FilterPolicy", false),
    (
        "aws_sns_topic_subscription",
        "filter_policy_scope",
        "FilterPolicyScope",
        false,
    ),
    (
        "aws_sns_topic_subscription",
        "raw_message_delivery",
        "RawMessageDelivery",
        false,
    ),
    ("aws_sns_topic_subscription", "redrive_policy", "RedrivePolicy", false),
    (
        "aws_sns_topic_subscription",
        "subscription_role_arn",
        "SubscriptionRoleArn",
        false,
    ),
];

/// (Terraform type, Terraform path) -> (CloudFormation name, single object).
type NameMap = HashMap<(&'static str, &'static str), (&'static str, bool)>;

fn names() -> &'static NameMap {
    static MAP: std::sync::OnceLock<NameMap> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        NAMES
            .iter()
            .map(|(t, p, c, single)| ((*t, *p), (*c, *single)))
            .collect()
    })
}

/// The CloudFormation type of each Terraform type of the model's kind table that has one
/// (docs/guard.md "Type mapping"). A kind lists several types on each side, so the pairs
/// are spelled out here; `tests` checks that every Terraform type of the table is either
/// here or in [`NO_CFN_TYPE`].
pub static TYPES: &[(&str, &str)] = &[
    ("aws_cloudtrail", "AWS::CloudTrail::Trail"),
    ("aws_cloudtrail_event_data_store", "AWS::CloudTrail::EventDataStore"),
    ("aws_s3_bucket", "AWS::S3::Bucket"),
    ("aws_s3_bucket_policy", "AWS::S3::BucketPolicy"),
    ("aws_cloudwatch_log_group", "AWS::Logs::LogGroup"),
    ("aws_kms_key", "AWS::KMS::Key"),
    ("aws_kms_alias", "AWS::KMS::Alias"),
    ("aws_flow_log", "AWS::EC2::FlowLog"),
    ("aws_config_delivery_channel", "AWS::Config::DeliveryChannel"),
    ("aws_lb", "AWS::ElasticLoadBalancingV2::LoadBalancer"),
    ("aws_alb", "AWS::ElasticLoadBalancingV2::LoadBalancer"),
    ("aws_elb", "AWS::ElasticLoadBalancing::LoadBalancer"),
    ("aws_cloudfront_distribution", "AWS::CloudFront::Distribution"),
    ("aws_cloudwatch_log_metric_filter", "AWS::Logs::MetricFilter"),
    ("aws_cloudwatch_metric_alarm", "AWS::CloudWatch::Alarm"),
    ("aws_cloudwatch_event_rule", "AWS::Events::Rule"),
    ("aws_vpc", "AWS::EC2::VPC"),
    ("aws_default_vpc", "AWS::EC2::VPC"),
    ("aws_subnet", "AWS::EC2::Subnet"),
    ("aws_default_subnet", "AWS::EC2::Subnet"),
    (
        "aws_config_configuration_recorder",
        "AWS::Config::ConfigurationRecorder",
    ),
    ("aws_config_config_rule", "AWS::Config::ConfigRule"),
    ("aws_config_conformance_pack", "AWS::Config::ConformancePack"),
    (
        "aws_config_organization_managed_rule",
        "AWS::Config::OrganizationConfigRule",
    ),
    (
        "aws_config_organization_custom_rule",
        "AWS::Config::OrganizationConfigRule",
    ),
    (
        "aws_config_organization_custom_policy_rule",
        "AWS::Config::OrganizationConfigRule",
    ),
    (
        "aws_config_organization_conformance_pack",
        "AWS::Config::OrganizationConformancePack",
    ),
    ("aws_lb_listener", "AWS::ElasticLoadBalancingV2::Listener"),
    ("aws_alb_listener", "AWS::ElasticLoadBalancingV2::Listener"),
    ("aws_api_gateway_stage", "AWS::ApiGateway::Stage"),
    ("aws_api_gateway_deployment", "AWS::ApiGateway::Deployment"),
    ("aws_api_gateway_account", "AWS::ApiGateway::Account"),
    ("aws_apigatewayv2_stage", "AWS::ApiGatewayV2::Stage"),
    ("aws_apigatewayv2_api", "AWS::ApiGatewayV2::Api"),
    ("aws_wafv2_web_acl", "AWS::WAFv2::WebACL"),
    ("aws_waf_web_acl", "AWS::WAF::WebACL"),
    ("aws_wafregional_web_acl", "AWS::WAFRegional::WebACL"),
    (
        "aws_wafv2_web_acl_logging_configuration",
        "AWS::WAFv2::LoggingConfiguration",
    ),
    ("aws_cloudwatch_log_delivery_source", "AWS::Logs::DeliverySource"),
    ("aws_cloudwatch_log_delivery", "AWS::Logs::Delivery"),
    (
        "aws_cloudwatch_log_delivery_destination",
        "AWS::Logs::DeliveryDestination",
    ),
    ("aws_db_instance", "AWS::RDS::DBInstance"),
    ("aws_rds_cluster", "AWS::RDS::DBCluster"),
    ("aws_docdb_cluster", "AWS::DocDB::DBCluster"),
    ("aws_neptune_cluster", "AWS::Neptune::DBCluster"),
    ("aws_eks_cluster", "AWS::EKS::Cluster"),
    ("aws_guardduty_detector", "AWS::GuardDuty::Detector"),
    ("aws_securityhub_account", "AWS::SecurityHub::Hub"),
    (
        "aws_securityhub_organization_admin_account",
        "AWS::SecurityHub::DelegatedAdmin",
    ),
    (
        "aws_securityhub_organization_configuration",
        "AWS::SecurityHub::OrganizationConfiguration",
    ),
    ("aws_opensearch_domain", "AWS::OpenSearchService::Domain"),
    ("aws_elasticsearch_domain", "AWS::Elasticsearch::Domain"),
    ("aws_route53_zone", "AWS::Route53::HostedZone"),
    (
        "aws_route53_resolver_query_log_config",
        "AWS::Route53Resolver::ResolverQueryLoggingConfig",
    ),
    (
        "aws_route53_resolver_query_log_config_association",
        "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation",
    ),
    ("aws_redshift_cluster", "AWS::Redshift::Cluster"),
    ("aws_redshiftserverless_namespace", "AWS::RedshiftServerless::Namespace"),
    ("aws_networkfirewall_firewall", "AWS::NetworkFirewall::Firewall"),
    (
        "aws_networkfirewall_logging_configuration",
        "AWS::NetworkFirewall::LoggingConfiguration",
    ),
    ("aws_msk_cluster", "AWS::MSK::Cluster"),
    ("aws_mq_broker", "AWS::AmazonMQ::Broker"),
    (
        "aws_config_configuration_aggregator",
        "AWS::Config::ConfigurationAggregator",
    ),
    ("aws_iam_role", "AWS::IAM::Role"),
    ("aws_iam_service_linked_role", "AWS::IAM::ServiceLinkedRole"),
    ("aws_sns_topic", "AWS::SNS::Topic"),
    ("aws_sns_topic_subscription", "AWS::SNS::Subscription"),
];

/// Terraform types of the kind table without a CloudFormation type of their own: each is a
/// property of another CloudFormation resource. They keep their Terraform type and
/// attribute names.
pub static NO_CFN_TYPE: &[(&str, &str)] = &[
    (
        "aws_s3_bucket_server_side_encryption_configuration",
        "AWS::S3::Bucket BucketEncryption",
    ),
    ("aws_s3_bucket_versioning", "AWS::S3::Bucket VersioningConfiguration"),
    (
        "aws_s3_bucket_object_lock_configuration",
        "AWS::S3::Bucket ObjectLockConfiguration",
    ),
    (
        "aws_s3_bucket_public_access_block",
        "AWS::S3::Bucket PublicAccessBlockConfiguration",
    ),
    ("aws_s3_bucket_acl", "AWS::S3::Bucket AccessControl"),
    ("aws_s3_bucket_logging", "AWS::S3::Bucket LoggingConfiguration"),
    (
        "aws_s3_bucket_lifecycle_configuration",
        "AWS::S3::Bucket LifecycleConfiguration",
    ),
    ("aws_s3_bucket_ownership_controls", "AWS::S3::Bucket OwnershipControls"),
    ("aws_cloudwatch_event_target", "AWS::Events::Rule Targets"),
    (
        "aws_config_configuration_recorder_status",
        "none: a CloudFormation recorder starts when it is created",
    ),
    (
        "aws_api_gateway_method_settings",
        "AWS::ApiGateway::Stage MethodSettings",
    ),
    (
        "aws_guardduty_organization_admin_account",
        "none: AWS Organizations delegated administration",
    ),
    (
        "aws_guardduty_organization_configuration",
        "none: set in the GuardDuty console or API",
    ),
    ("aws_route53_query_log", "AWS::Route53::HostedZone QueryLoggingConfig"),
    ("aws_redshift_logging", "AWS::Redshift::Cluster LoggingProperties"),
];

fn types() -> &'static HashMap<&'static str, &'static str> {
    static MAP: std::sync::OnceLock<HashMap<&'static str, &'static str>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| TYPES.iter().copied().collect())
}

/// The CloudFormation type of a Terraform type of the kind table.
pub fn cfn_type(tf_type: &str) -> Option<&'static str> {
    types().get(tf_type).copied()
}

/// Types whose CloudFormation `Tags` is a map, as Terraform's (`AWS::ApiGatewayV2::*`,
/// `AWS::MSK::Cluster`): their `tags` keep the map shape.
static MAP_TAGS: &[&str] = &["aws_apigatewayv2_stage", "aws_apigatewayv2_api", "aws_msk_cluster"];

/// Boolean attributes CloudFormation writes as a word: (Terraform type, path, when true,
/// when false). Provider v3's inline `versioning { enabled }` is `VersioningConfiguration:
/// {Status: Enabled | Suspended}`.
static BOOL_AS: &[(&str, &str, &str, &str)] = &[("aws_s3_bucket", "versioning.enabled", "Enabled", "Suspended")];

/// Repeated blocks CloudFormation writes as a map keyed by one of their attributes:
/// (Terraform type, block path, key attribute). `log_publishing_options { log_type =
/// "AUDIT_LOGS" ... }` is `LogPublishingOptions: {AUDIT_LOGS: {...}}`.
static KEYED: &[(&str, &str, &str)] = &[
    ("aws_opensearch_domain", "log_publishing_options", "log_type"),
    ("aws_elasticsearch_domain", "log_publishing_options", "log_type"),
];

/// Blocks whose attributes CloudFormation writes on the resource itself: (Terraform type,
/// block). `delivery_destination_configuration { destination_resource_arn }` is
/// `DestinationResourceArn`.
static HOISTED: &[(&str, &str)] = &[(
    "aws_cloudwatch_log_delivery_destination",
    "delivery_destination_configuration",
)];

/// Types whose CloudFormation properties (but `Tags`) sit below one property:
/// `aws_cloudfront_distribution` is `Properties.DistributionConfig.{...}`.
static WRAPPED: &[(&str, &str)] = &[("aws_cloudfront_distribution", "DistributionConfig")];

/// What CloudFormation writes for a Terraform attribute of another resource: (Terraform
/// type, attribute, CloudFormation `Fn::GetAtt` attribute, `""` where CloudFormation's
/// `Ref` returns it). Without a row: `id` is `Ref`, a mapped type's `arn` is
/// `Fn::GetAtt ... Arn`, any other attribute keeps its Terraform name in `Fn::GetAtt`.
/// From each type's "Return values" in the CloudFormation resource reference.
pub static ATTRS: &[(&str, &str, &str)] = &[
    ("aws_s3_bucket", "bucket", ""),
    ("aws_s3_bucket", "bucket_domain_name", "DomainName"),
    ("aws_s3_bucket", "bucket_regional_domain_name", "RegionalDomainName"),
    ("aws_s3_bucket", "website_endpoint", "WebsiteURL"),
    ("aws_cloudwatch_log_group", "name", ""),
    ("aws_cloudtrail", "name", ""),
    ("aws_cloudtrail_event_data_store", "arn", ""),
    ("aws_kms_key", "key_id", ""),
    ("aws_kms_alias", "name", ""),
    ("aws_sns_topic", "arn", ""),
    ("aws_sns_topic", "name", "TopicName"),
    ("aws_sns_topic_subscription", "arn", ""),
    ("aws_iam_role", "name", ""),
    ("aws_iam_role", "unique_id", "RoleId"),
    ("aws_lb", "arn", ""),
    ("aws_lb", "dns_name", "DNSName"),
    ("aws_lb", "name", "LoadBalancerName"),
    ("aws_lb", "arn_suffix", "LoadBalancerFullName"),
    ("aws_alb", "arn", ""),
    ("aws_alb", "dns_name", "DNSName"),
    ("aws_alb", "name", "LoadBalancerName"),
    ("aws_alb", "arn_suffix", "LoadBalancerFullName"),
    ("aws_lb_listener", "arn", ""),
    ("aws_alb_listener", "arn", ""),
    ("aws_elb", "name", ""),
    ("aws_elb", "dns_name", "DNSName"),
    ("aws_cloudfront_distribution", "domain_name", "DomainName"),
    ("aws_cloudwatch_log_delivery_source", "name", ""),
    ("aws_cloudwatch_log_delivery_destination", "name", ""),
    ("aws_config_delivery_channel", "name", ""),
    ("aws_config_configuration_recorder", "name", ""),
    ("aws_config_config_rule", "name", ""),
    ("aws_config_config_rule", "rule_id", "ConfigRuleId"),
    ("aws_cloudwatch_event_rule", "name", ""),
    ("aws_cloudwatch_metric_alarm", "alarm_name", ""),
    ("aws_wafv2_web_acl", "id", "Id"),
    ("aws_db_instance", "identifier", ""),
    ("aws_db_instance", "arn", "DBInstanceArn"),
    ("aws_db_instance", "address", "Endpoint.Address"),
    ("aws_db_instance", "resource_id", "DbiResourceId"),
    ("aws_rds_cluster", "cluster_identifier", ""),
    ("aws_rds_cluster", "arn", "DBClusterArn"),
    ("aws_rds_cluster", "endpoint", "Endpoint.Address"),
    ("aws_rds_cluster", "cluster_resource_id", "DBClusterResourceId"),
    ("aws_eks_cluster", "name", ""),
    ("aws_eks_cluster", "endpoint", "Endpoint"),
    ("aws_opensearch_domain", "domain_name", ""),
    ("aws_opensearch_domain", "endpoint", "DomainEndpoint"),
    ("aws_elasticsearch_domain", "domain_name", ""),
    ("aws_elasticsearch_domain", "endpoint", "DomainEndpoint"),
    ("aws_route53_zone", "zone_id", ""),
    ("aws_route53_zone", "name_servers", "NameServers"),
    ("aws_redshift_cluster", "cluster_identifier", ""),
    ("aws_networkfirewall_firewall", "arn", ""),
    ("aws_msk_cluster", "arn", ""),
    ("aws_apigatewayv2_api", "api_endpoint", "ApiEndpoint"),
    ("aws_securityhub_account", "arn", ""),
    ("aws_redshiftserverless_namespace", "namespace_name", ""),
];

/// CloudFormation's way of naming a Terraform resource's attribute: `None` for `Ref`,
/// else the `Fn::GetAtt` attribute ([`ATTRS`]).
pub fn cfn_attribute<'a>(tf_type: &str, attr: &'a str) -> Option<&'a str> {
    if let Some((_, _, a)) = ATTRS.iter().find(|(t, n, _)| *t == tf_type && *n == attr) {
        return (!a.is_empty()).then_some(*a);
    }
    match attr {
        "id" => None,
        "arn" if cfn_type(tf_type).is_some() => Some("Arn"),
        _ => Some(attr),
    }
}

/// The resources a reference may name: address or instance address -> (name in the
/// document, Terraform type).
type Targets = HashMap<String, (String, String)>;

struct TfCx<'a> {
    tf_type: &'a str,
    /// Whether this resource's kind is in the kind table (names are translated).
    mapped: bool,
    p: &'a mut Projection,
    targets: &'a Targets,
}

impl TfCx<'_> {
    fn props(&mut self, props: &[Prop], path: &str, tf_path: &str, depth: usize) -> Result<J, (Span, String)> {
        let mut out = Map::new();
        for prop in props {
            let tf_child = if tf_path.is_empty() {
                prop.key.clone()
            } else {
                format!("{tf_path}.{}", prop.key)
            };
            let (name, single) = match names().get(&(self.tf_type, tf_child.as_str())) {
                Some((n, s)) if self.mapped => (n.to_string(), *s),
                _ => (prop.key.clone(), false),
            };
            let p = format!("{path}/{name}");
            let mut at = prop.span;
            if at == Span::default() {
                at = prop.val.span.unwrap_or_default();
            }
            let val = if single {
                // A block written once becomes one object, as CloudFormation writes it.
                match &prop.val.v {
                    V::List(items) if items.len() == 1 => &items[0],
                    _ => &prop.val,
                }
            } else {
                &prop.val
            };
            let keyed = KEYED
                .iter()
                .find(|(t, b, _)| self.mapped && *t == self.tf_type && *b == tf_child)
                .map(|k| k.2);
            if HOISTED.contains(&(self.tf_type, tf_child.as_str())) && self.mapped {
                // A block whose attributes are the resource's own properties in CloudFormation.
                if let V::List(items) = &val.v
                    && let [item] = items.as_slice()
                    && let V::Map(inner) = &item.v
                    && let J::Object(m) = self.props(inner, path, &tf_child, depth + 1)?
                {
                    out.extend(m);
                }
                continue;
            }
            if let (Some(key), V::List(items)) = (keyed, &val.v) {
                if let Some(j) = self.keyed(items, key, &p, at, &tf_child, depth + 1)? {
                    out.insert(name, j);
                }
                continue;
            }
            let tags = self.mapped && tf_path.is_empty() && prop.key == "tags" && !MAP_TAGS.contains(&self.tf_type);
            if let Some(j) = self.value(val, &p, at, &tf_child, depth + 1, tags)? {
                out.insert(name, j);
            }
        }
        Ok(J::Object(out))
    }

    /// A reference's target in the document and how CloudFormation names the attribute
    /// (`None`: `Ref`); `None` when the target is not in the document.
    fn reference<'r>(&self, r: &'r RefTo) -> Option<(String, Option<&'r str>)> {
        let (name, tf_type) = self.targets.get(&r.address)?;
        Some((name.clone(), cfn_attribute(tf_type, &r.attr)))
    }

    /// An interpolation as `Fn::Sub` text (`${name}` for a `Ref`, `${name.Attr}` for a
    /// `Fn::GetAtt`, `${!` for a literal `${`); `None` when a reference's target is not in
    /// the document.
    fn sub(&self, pieces: &[Piece]) -> Option<String> {
        let mut out = String::new();
        for piece in pieces {
            match piece {
                Piece::Text(t) => out.push_str(&t.replace("${", "${!")),
                Piece::Ref(r) => match self.reference(r)? {
                    (name, None) => out.push_str(&format!("${{{name}}}")),
                    (name, Some(attr)) => out.push_str(&format!("${{{name}.{attr}}}")),
                },
            }
        }
        Some(out)
    }

    /// Repeated blocks as a map keyed by their `key` attribute ([`KEYED`]); `None` when a
    /// key is unknown (the map is not known either).
    fn keyed(
        &mut self,
        items: &[EVal],
        key: &str,
        path: &str,
        at: Span,
        tf_path: &str,
        depth: usize,
    ) -> Result<Option<J>, (Span, String)> {
        if depth > MAX_DEPTH {
            return Err(too_deep(at));
        }
        let mut out = Map::new();
        for item in items {
            let V::Map(props) = &item.v else {
                self.p
                    .unknown
                    .push((path.to_string(), format!("an item of {tf_path} is unknown")));
                return Ok(None);
            };
            let Some(V::Str(k)) = props.iter().find(|p| p.key == key).map(|p| &p.val.v) else {
                self.p.unknown.push((
                    path.to_string(),
                    format!("the {key} of an item of {tf_path} is unknown"),
                ));
                return Ok(None);
            };
            let p = format!("{path}/{k}");
            self.p
                .locs
                .entry(p.clone())
                .or_insert((item.span.unwrap_or(at), item.prov.clone()));
            let rest: Vec<Prop> = props.iter().filter(|p| p.key != key).cloned().collect();
            let j = self.props(&rest, &p, tf_path, depth + 1)?;
            out.insert(k.clone(), j);
        }
        self.p.locs.entry(path.to_string()).or_insert((at, Vec::new()));
        Ok(Some(J::Object(out)))
    }

    /// `None`: unknown, left out (recorded in `unknown`).
    fn value(
        &mut self,
        v: &EVal,
        path: &str,
        at: Span,
        tf_path: &str,
        depth: usize,
        tags: bool,
    ) -> Result<Option<J>, (Span, String)> {
        if depth > MAX_DEPTH {
            return Err(too_deep(v.span.unwrap_or(at)));
        }
        let at = if at == Span::default() {
            v.span.unwrap_or(at)
        } else {
            at
        };
        let j = match &v.v {
            V::Null => return Ok(None),
            V::Bool(b) => match BOOL_AS
                .iter()
                .find(|(t, p, _, _)| self.mapped && *t == self.tf_type && *p == tf_path)
            {
                Some((_, _, yes, no)) => J::String(if *b { yes } else { no }.to_string()),
                None => J::Bool(*b),
            },
            V::Num(n) => {
                if n.fract() == 0.0 && n.abs() < 9e15 {
                    J::from(*n as i64)
                } else {
                    match serde_json::Number::from_f64(*n) {
                        Some(n) => J::Number(n),
                        None => return Ok(None),
                    }
                }
            }
            V::Str(s) => J::String(s.clone()),
            V::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let p = format!("{path}/{}", out.len());
                    let item_at = item.span.unwrap_or(at);
                    match &item.v {
                        V::Map(props) => {
                            self.p.locs.entry(p.clone()).or_insert((item_at, item.prov.clone()));
                            out.push(self.props(props, &p, tf_path, depth + 1)?);
                        }
                        _ => match self.value(item, &p, item_at, tf_path, depth + 1, false)? {
                            Some(j) => out.push(j),
                            // An unknown item: the list is not known either.
                            None => {
                                self.p
                                    .unknown
                                    .push((path.to_string(), format!("an item of {tf_path} is unknown")));
                                return Ok(None);
                            }
                        },
                    }
                }
                J::Array(out)
            }
            V::Map(props) if tags => {
                // Terraform's `tags = { K = "v" }` is CloudFormation's `Tags: [{Key, Value}]`.
                let mut out = Vec::new();
                for prop in props {
                    let p = format!("{path}/{}", out.len());
                    self.p
                        .locs
                        .entry(p.clone())
                        .or_insert((prop.span, prop.val.prov.clone()));
                    let Some(value) =
                        self.value(&prop.val, &format!("{p}/Value"), prop.span, tf_path, depth + 2, false)?
                    else {
                        continue;
                    };
                    self.p.locs.entry(format!("{p}/Key")).or_insert((prop.span, Vec::new()));
                    let mut m = Map::new();
                    m.insert("Key".into(), J::String(prop.key.clone()));
                    m.insert("Value".into(), value);
                    out.push(J::Object(m));
                }
                J::Array(out)
            }
            // A block of a mapped kind written once (`recording_group`, unwrapped by `props`):
            // its attributes are renamed too.
            V::Map(props) if self.mapped => self.props(props, path, tf_path, depth)?,
            V::Map(props) => {
                let mut out = Map::new();
                for prop in props {
                    let p = format!("{path}/{}", prop.key);
                    if let Some(j) = self.value(
                        &prop.val,
                        &p,
                        prop.span,
                        &format!("{tf_path}.{}", prop.key),
                        depth + 1,
                        false,
                    )? {
                        out.insert(prop.key.clone(), j);
                    }
                }
                J::Object(out)
            }
            // A computed attribute of another resource of the document: written as
            // CloudFormation does (`Ref`, `Fn::GetAtt`); an interpolation of known text and
            // such attributes as `Fn::Sub`.
            V::Ref(r) => match self.reference(r) {
                Some((name, attr)) => {
                    self.p
                        .intrinsic
                        .push((path.to_string(), format!("{}.{}", r.address, r.attr)));
                    match attr {
                        None => J::Object(Map::from_iter([("Ref".to_string(), J::String(name))])),
                        Some(attr) => J::Object(Map::from_iter([(
                            "Fn::GetAtt".to_string(),
                            J::Array(vec![J::String(name), J::String(attr.to_string())]),
                        )])),
                    }
                }
                None => {
                    let why = format!("{}.{} (not in the document)", r.address, r.attr);
                    self.p.unknown.push((path.to_string(), why));
                    return Ok(None);
                }
            },
            V::Unknown {
                text: Some(text), why, ..
            } => {
                let single = match text.0.as_slice() {
                    [Piece::Ref(r)] => Some(r),
                    _ => None,
                };
                if let Some(r) = single {
                    let whole = EVal {
                        v: V::Ref(r.clone()),
                        span: v.span,
                        prov: v.prov.clone(),
                    };
                    return self.value(&whole, path, at, tf_path, depth, tags);
                }
                match self.sub(&text.0) {
                    Some(s) => {
                        self.p.intrinsic.push((path.to_string(), why.clone()));
                        J::Object(Map::from_iter([("Fn::Sub".to_string(), J::String(s))]))
                    }
                    None => {
                        self.p.unknown.push((path.to_string(), why.clone()));
                        return Ok(None);
                    }
                }
            }
            V::Unknown { why, .. } | V::OneOf { why, .. } => {
                self.p.unknown.push((path.to_string(), why.clone()));
                return Ok(None);
            }
        };
        self.p.locs.entry(path.to_string()).or_insert((at, v.prov.clone()));
        Ok(Some(j))
    }
}

/// The name a Terraform resource instance has in the projection: its full address.
pub fn tf_name(r: &RawResource) -> String {
    r.instances.first().cloned().unwrap_or_else(|| r.address.clone())
}

/// An evaluated Terraform root module as `{"Resources": {address: {Type, Properties}}}`.
/// Resources whose existence is unknown (count/for_each unknown) are included only with
/// `strict`.
pub fn terraform(unit: &Unit, strict: bool) -> Result<Projection, (Span, String)> {
    let mut p = Projection::default();
    let mut resources = Map::new();
    if let Some(first) = unit.resources.iter().map(|r| r.header).min() {
        p.anchor = Span::new(first.file, 0, 0);
    }
    // What references can name: every projected resource, by address and instance.
    let mut targets = Targets::new();
    for r in unit.resources.iter().filter(|r| strict || r.exists_if.is_none()) {
        let name = tf_name(r);
        for a in std::iter::once(&r.address).chain(&r.instances) {
            targets
                .entry(a.clone())
                .or_insert_with(|| (name.clone(), r.resource_type.clone()));
        }
    }
    for r in &unit.resources {
        if r.exists_if.is_some() && !strict {
            continue;
        }
        let name = tf_name(r);
        if resources.contains_key(&name) {
            continue;
        }
        let path = format!("/Resources/{name}");
        let cfn = cfn_type(&r.resource_type);
        let mut cx = TfCx {
            tf_type: &r.resource_type,
            mapped: cfn.is_some(),
            p: &mut p,
            targets: &targets,
        };
        let wrapper = WRAPPED
            .iter()
            .find(|(t, _)| cfn.is_some() && *t == r.resource_type)
            .map(|w| w.1);
        let props = match wrapper {
            None => cx.props(&r.props, &format!("{path}/Properties"), "", 1)?,
            Some(w) => {
                let inner_path = format!("{path}/Properties/{w}");
                let J::Object(mut inner) = cx.props(&r.props, &inner_path, "", 2)? else {
                    unreachable!("props is an object")
                };
                let mut outer = Map::new();
                // Tags stay at the top, as CloudFormation writes them.
                if let Some(tags) = inner.remove("Tags") {
                    let from = format!("{inner_path}/Tags");
                    let moved: Vec<String> = p
                        .locs
                        .keys()
                        .filter(|k| *k == &from || k.starts_with(&format!("{from}/")))
                        .cloned()
                        .collect();
                    for k in moved {
                        if let Some(v) = p.locs.remove(&k) {
                            p.locs.insert(format!("{path}/Properties/Tags{}", &k[from.len()..]), v);
                        }
                    }
                    outer.insert("Tags".into(), tags);
                }
                p.locs.insert(inner_path, (r.header, Vec::new()));
                outer.insert(w.to_string(), J::Object(inner));
                J::Object(outer)
            }
        };
        let mut m = Map::new();
        m.insert("Type".into(), J::String(cfn.unwrap_or(&r.resource_type).to_string()));
        m.insert("Properties".into(), props);
        resources.insert(name.clone(), J::Object(m));
        p.locs.insert(path.clone(), (r.header, Vec::new()));
        p.locs.insert(format!("{path}/Type"), (r.header, Vec::new()));
        p.locs.insert(format!("{path}/Properties"), (r.header, Vec::new()));
        p.resources.insert(
            name,
            Res {
                header: r.header,
                address: r.address.clone(),
                resource_type: r.resource_type.clone(),
                iac: r.iac.as_str(),
                instances: r.instances.clone(),
                exists_if: r.exists_if.clone(),
                suppressed: Vec::new(),
            },
        );
    }
    merge_bucket_settings(unit, strict, &mut p, &mut resources, &targets)?;
    let mut root = Map::new();
    root.insert("Resources".into(), J::Object(resources));
    p.json = J::Object(root);
    Ok(p)
}

/// Terraform's split bucket settings (provider v4+) that CloudFormation writes on the
/// bucket: (Terraform type, the bucket block whose body it is, `""` for the bucket's own
/// attributes). Their attributes are renamed by [`NAMES`] of `aws_s3_bucket`.
pub static MERGED: &[(&str, &str)] = &[
    ("aws_s3_bucket_versioning", ""),
    ("aws_s3_bucket_logging", "logging"),
    (
        "aws_s3_bucket_server_side_encryption_configuration",
        "server_side_encryption_configuration",
    ),
    ("aws_s3_bucket_object_lock_configuration", "object_lock_configuration"),
    ("aws_s3_bucket_public_access_block", "public_access_block"),
];

/// The projected name of the bucket a split setting's `bucket` names: a reference to a
/// bucket of the root, or a literal name that exactly one of its buckets has.
fn bucket_of(unit: &Unit, setting: &RawResource, strict: bool) -> Option<String> {
    let bucket = setting.props.iter().find(|p| p.key == "bucket")?;
    let buckets = || {
        unit.resources
            .iter()
            .filter(|r| r.resource_type == "aws_s3_bucket" && (strict || r.exists_if.is_none()))
    };
    let found: Vec<&RawResource> = match &bucket.val.v {
        V::Ref(to) => buckets()
            .filter(|b| b.address == to.address || b.instances.contains(&to.address))
            .collect(),
        V::Str(name) => buckets()
            .filter(|b| {
                b.props
                    .iter()
                    .any(|p| p.key == "bucket" && matches!(&p.val.v, V::Str(n) if n == name))
            })
            .collect(),
        _ => Vec::new(),
    };
    match found.as_slice() {
        [b] => Some(tf_name(b)),
        _ => None,
    }
}

/// Writes each split bucket setting ([`MERGED`]) on its bucket too, as CloudFormation has
/// it (`aws_s3_bucket_versioning` -> the bucket's `VersioningConfiguration`), located at
/// the setting's own attributes. The setting stays in the document under its Terraform
/// type as well.
fn merge_bucket_settings(
    unit: &Unit,
    strict: bool,
    p: &mut Projection,
    resources: &mut Map<String, J>,
    targets: &Targets,
) -> Result<(), (Span, String)> {
    for r in &unit.resources {
        let Some((_, block)) = MERGED.iter().find(|(t, _)| *t == r.resource_type) else {
            continue;
        };
        if r.exists_if.is_some() && !strict {
            continue;
        }
        let Some(bucket) = bucket_of(unit, r, strict) else {
            continue;
        };
        let props: Vec<Prop> = r
            .props
            .iter()
            .filter(|p| p.key != "bucket" && p.key != "expected_bucket_owner")
            .cloned()
            .collect();
        let base = format!("/Resources/{bucket}/Properties");
        let mut cx = TfCx {
            tf_type: "aws_s3_bucket",
            mapped: true,
            p: &mut *p,
            targets,
        };
        let value = if block.is_empty() {
            cx.props(&props, &base, "", 2)?
        } else {
            let Some((name, _)) = names().get(&("aws_s3_bucket", *block)) else {
                continue;
            };
            let path = format!("{base}/{name}");
            let v = cx.props(&props, &path, block, 3)?;
            let mut m = Map::new();
            m.insert(name.to_string(), v);
            p.locs.entry(path).or_insert((r.header, Vec::new()));
            J::Object(m)
        };
        let target = resources
            .get_mut(&bucket)
            .and_then(|b| b.get_mut("Properties"))
            .and_then(J::as_object_mut);
        if let (Some(target), J::Object(m)) = (target, value) {
            for (k, v) in m {
                target.entry(k).or_insert(v);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_terraform_type_of_the_kind_table_has_a_type_mapping() {
        for k in crate::adapt::kinds::KINDS {
            for t in k.terraform {
                let mapped = TYPES.iter().filter(|(tf, _)| tf == t).count();
                let unmapped = NO_CFN_TYPE.iter().filter(|(tf, _)| tf == t).count();
                assert_eq!(
                    mapped + unmapped,
                    1,
                    "{t}: in TYPES {mapped}, in NO_CFN_TYPE {unmapped}"
                );
                // The CloudFormation type is its kind's, or one the model does not read
                // (classic WAF web ACLs are read from Terraform only).
                if let Some(c) = cfn_type(t)
                    && let Some(other) = crate::adapt::kinds::kind_of(c)
                {
                    assert!(std::ptr::eq(other, k), "{t} -> {c} is a type of another kind");
                }
            }
        }
        for (tf, _) in TYPES.iter().chain(NO_CFN_TYPE) {
            assert!(
                crate::adapt::kinds::kind_of(tf).is_some(),
                "{tf} is not in the kind table"
            );
        }
    }

    #[test]
    fn attribute_names_belong_to_mapped_types_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (t, p, _, _) in NAMES {
            assert!(cfn_type(t).is_some(), "{t}.{p}: {t} has no CloudFormation type");
            assert!(seen.insert((t, p)), "{t}.{p} is listed twice");
            if let Some((parent, _)) = p.rsplit_once('.') {
                assert!(
                    NAMES.iter().any(|(t2, p2, _, _)| t2 == t && *p2 == parent)
                        || KEYED.iter().any(|(t2, b, _)| t2 == t && *b == parent)
                        || HOISTED.contains(&(*t, parent)),
                    "{t}.{p}: its block {parent} is not renamed"
                );
            }
        }
    }
}
