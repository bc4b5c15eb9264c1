//! Governance and notification resources: AWS Config aggregators (CFG-06), IAM roles a
//! Config recorder may record with (CFG-07), SNS topics and their subscriptions (MON-19).
//! Links (subscription -> topic, recorder -> role) are resolved by the model builder
//! (`adapt::governance::resolve`).

use super::{Link, ResourceId, Value};

/// `aws_config_configuration_aggregator` / `AWS::Config::ConfigurationAggregator`.
#[derive(Clone, Debug)]
pub struct ConfigAggregator {
    pub id: ResourceId,
    /// One entry per account aggregation source and organization aggregation source.
    pub sources: Vec<AggregationSource>,
    /// Set when the sources themselves cannot be known (a dynamic block, an unknown list).
    pub sources_unknown: Value<()>,
}

/// One aggregation source and its `all_regions` / `AllAwsRegions` flag (default false);
/// when the flag is not written, its span is the source block.
#[derive(Clone, Debug)]
pub struct AggregationSource {
    pub kind: SourceKind,
    pub all_regions: Value<bool>,
}

/// Which list an aggregation source comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// `account_aggregation_source` / `AccountAggregationSources`.
    Account,
    /// `organization_aggregation_source` / `OrganizationAggregationSource`.
    Organization,
}

/// What kind of IAM role a resource is.
#[derive(Clone, Debug, PartialEq)]
pub enum RoleKind {
    /// `aws_iam_role` / `AWS::IAM::Role`: a customer managed role.
    Custom,
    /// `aws_iam_service_linked_role` / `AWS::IAM::ServiceLinkedRole` for a service
    /// (`aws_service_name` / `AWSServiceName`, when known).
    ServiceLinked(Value<String>),
}

/// An IAM role in the scan.
#[derive(Clone, Debug)]
pub struct Role {
    pub id: ResourceId,
    pub kind: RoleKind,
}

/// `aws_sns_topic` / `AWS::SNS::Topic`.
#[derive(Clone, Debug)]
pub struct SnsTopic {
    pub id: ResourceId,
    /// `name` / `TopicName`, when written.
    pub name: Value<String>,
    /// Subscriptions: inline `AWS::SNS::Topic.Subscription` entries plus linked
    /// `aws_sns_topic_subscription` / `AWS::SNS::Subscription` resources. Unknown when an
    /// inline list is unknown or some subscription in the scan names an unknown topic.
    pub subscriptions: Value<usize>,
}

/// `aws_sns_topic_subscription` / `AWS::SNS::Subscription`.
#[derive(Clone, Debug)]
pub struct SnsSubscription {
    pub id: ResourceId,
    /// `topic_arn` / `TopicArn`.
    pub topic: Value<Link<SnsTopic>>,
}

#[derive(Clone, Debug, Default)]
pub struct Governance {
    pub aggregators: Vec<ConfigAggregator>,
    pub roles: Vec<Role>,
    pub topics: Vec<SnsTopic>,
    pub subscriptions: Vec<SnsSubscription>,
}
