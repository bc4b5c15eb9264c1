//! The projections Guard rules are evaluated on: a CloudFormation template as cfn-guard
//! sees it, and an evaluated Terraform root module as a CloudFormation-shaped document.
//! Both record, for every path cfn-guard will report (`/Resources/Trail/Properties/X`),
//! where it is written, so a failed clause maps back to a blindspot [`Span`].
//! The contract is documented in docs/guard.md.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value as J};

use crate::doc::{Kind, Node};
use crate::frontend::{EVal, Prop, RawResource, Unit, V};
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

/// The CloudFormation type of a Terraform type in the kind table.
pub fn cfn_type(tf_type: &str) -> Option<&'static str> {
    crate::adapt::kinds::KINDS
        .iter()
        .find(|k| k.terraform.contains(&tf_type))
        .and_then(|k| k.cloudformation.first().copied())
}

struct TfCx<'a> {
    tf_type: &'a str,
    /// Whether this resource's kind is in the kind table (names are translated).
    mapped: bool,
    p: &'a mut Projection,
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
            let tags = self.mapped && name == "Tags";
            if let Some(j) = self.value(val, &p, at, &tf_child, depth + 1, tags)? {
                out.insert(name, j);
            }
        }
        Ok(J::Object(out))
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
            V::Bool(b) => J::Bool(*b),
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
            // A computed attribute of another resource: written as CloudFormation does.
            V::Ref(r) if r.attr == "id" => {
                let mut m = Map::new();
                m.insert("Ref".into(), J::String(r.address.clone()));
                J::Object(m)
            }
            V::Ref(r) => {
                let mut m = Map::new();
                m.insert(
                    "Fn::GetAtt".into(),
                    J::Array(vec![J::String(r.address.clone()), J::String(r.attr.clone())]),
                );
                J::Object(m)
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
        };
        let props = cx.props(&r.props, &format!("{path}/Properties"), "", 1)?;
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
    let mut root = Map::new();
    root.insert("Resources".into(), J::Object(resources));
    p.json = J::Object(root);
    Ok(p)
}
