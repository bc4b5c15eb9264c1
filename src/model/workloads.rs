//! Workload services that write their own logs (databases, EKS, OpenSearch, Redshift,
//! Network Firewall, message brokers, Route 53) and the detection services (GuardDuty,
//! Security Hub): services.md sections 4.4-4.6 and 4.8-4.11, 4.15. Links (query log ->
//! zone, resolver association -> VPC, Redshift logging -> cluster, firewall logging ->
//! firewall) are resolved by the model builder (`adapt::workloads::resolve`).

use super::{Bucket, Link, LogGroup, LogStore, ResourceId, Value, Vpc};

/// Which database family a [`Database`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbKind {
    /// `aws_db_instance` / `AWS::RDS::DBInstance`.
    Instance,
    /// `aws_rds_cluster` / `AWS::RDS::DBCluster`.
    Cluster,
    /// `aws_docdb_cluster` / `AWS::DocDB::DBCluster`.
    DocDb,
    /// `aws_neptune_cluster` / `AWS::Neptune::DBCluster`.
    Neptune,
}

/// An RDS instance or cluster, a DocumentDB or Neptune cluster (DB-01).
#[derive(Clone, Debug)]
pub struct Database {
    pub id: ResourceId,
    pub kind: DbKind,
    /// `engine` / `Engine` (DocumentDB and Neptune: their fixed engine by default).
    pub engine: Value<String>,
    /// An instance that belongs to a cluster (`db_cluster_identifier` written): its log
    /// exports are the cluster's.
    pub cluster_member: bool,
    /// The log types exported to CloudWatch Logs (absent: none).
    pub exports: Value<Vec<String>>,
    /// The DB identifier (`identifier` / `DBInstanceIdentifier`), for the log group names.
    pub identifier: Value<String>,
}

/// `aws_eks_cluster` / `AWS::EKS::Cluster` (EKS-01).
#[derive(Clone, Debug)]
pub struct EksCluster {
    pub id: ResourceId,
    pub name: Value<String>,
    /// Enabled control plane log types (absent: none).
    pub log_types: Value<Vec<String>>,
}

/// `aws_guardduty_detector` / `AWS::GuardDuty::Detector` (DET-01).
#[derive(Clone, Debug)]
pub struct Detector {
    pub id: ResourceId,
    /// `enable` (default true) / `Enable` (required).
    pub enable: Value<bool>,
}

/// Whether a domain publishes one log type: yes, no, or unknown (with the deciding span).
#[derive(Clone, Debug)]
pub struct DomainLogs {
    pub id: ResourceId,
    /// `aws_elasticsearch_domain` / `AWS::Elasticsearch::Domain`.
    pub elasticsearch: bool,
    /// `engine_version`/`EngineVersion` or `elasticsearch_version`/`ElasticsearchVersion`.
    pub version: Value<String>,
    /// An enabled `AUDIT_LOGS` publishing option exists.
    pub audit: Value<bool>,
    /// An enabled `ES_APPLICATION_LOGS` publishing option exists.
    pub application: Value<bool>,
    /// `advanced_security_options.enabled` / `AdvancedSecurityOptions.Enabled`.
    pub fine_grained: Value<bool>,
    /// The log groups of its publishing options.
    pub log_groups: Vec<Value<Link<LogGroup>>>,
}

/// `aws_route53_zone` / `AWS::Route53::HostedZone` (DNS-01).
#[derive(Clone, Debug)]
pub struct HostedZone {
    pub id: ResourceId,
    /// Private (`vpc` blocks / `VPCs`); unknown when the blocks are.
    pub private: Value<bool>,
    /// CloudFormation inline `QueryLoggingConfig.CloudWatchLogsLogGroupArn`.
    pub inline_query_log: Value<Link<LogGroup>>,
    /// `aws_route53_query_log`s linked to this zone.
    pub query_logs: Vec<ResourceId>,
    /// An in-scope query log of the same unit whose zone is unknown.
    pub unknown_query_log: Option<ResourceId>,
}

/// `aws_route53_query_log`.
#[derive(Clone, Debug)]
pub struct QueryLog {
    pub id: ResourceId,
    pub zone: Value<Link<HostedZone>>,
    pub log_group: Value<Link<LogGroup>>,
}

/// `aws_route53_resolver_query_log_config` / `AWS::Route53Resolver::ResolverQueryLoggingConfig`.
#[derive(Clone, Debug)]
pub struct ResolverConfig {
    pub id: ResourceId,
    /// `destination_arn` / `DestinationArn`: a bucket, log group or Firehose stream.
    pub destination: Value<Link<LogStore>>,
}

/// `aws_route53_resolver_query_log_config_association` /
/// `AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation`.
#[derive(Clone, Debug)]
pub struct ResolverAssociation {
    pub id: ResourceId,
    /// `resource_id` / `ResourceId`: the VPC.
    pub vpc: Value<Link<Vpc>>,
    pub config: Value<Link<ResolverConfig>>,
}

/// Resolver query logging of one VPC (DNS-02), resolved by the model builder.
#[derive(Clone, Debug)]
pub struct VpcQueryLogging {
    pub vpc: ResourceId,
    /// Associations linked to the VPC.
    pub associations: Vec<ResourceId>,
    /// An in-scope association of the same unit whose VPC is unknown.
    pub unknown: Option<ResourceId>,
}

/// How a Redshift cluster or namespace logs (RS-01).
#[derive(Clone, Debug)]
pub struct RedshiftLogging {
    /// The `aws_redshift_logging` resource, or the cluster itself (inline settings).
    pub from: ResourceId,
    /// Terraform inline `logging.enable` (v5); true for the other forms.
    pub enabled: Value<bool>,
    /// `log_destination_type` / `LogDestinationType` (`s3`, `cloudwatch`).
    pub destination_type: Value<super::vocab::RedshiftLogDestination>,
    /// `log_exports` / `LogExports`.
    pub exports: Value<Vec<String>>,
    pub bucket: Value<Link<Bucket>>,
}

/// `aws_redshift_cluster` / `AWS::Redshift::Cluster`, `aws_redshiftserverless_namespace` /
/// `AWS::RedshiftServerless::Namespace` (RS-01).
#[derive(Clone, Debug)]
pub struct Redshift {
    pub id: ResourceId,
    pub serverless: bool,
    /// `cluster_identifier` (for literal links from `aws_redshift_logging`).
    pub identifier: Value<String>,
    /// Logging settings: inline (CloudFormation `LoggingProperties`, Terraform v5 `logging`,
    /// serverless `log_exports`) and linked `aws_redshift_logging` resources.
    pub logging: Vec<RedshiftLogging>,
    /// Set when the logging is undecidable (an empty `LoggingProperties`, or an in-scope
    /// `aws_redshift_logging` whose cluster is unknown): why.
    pub unknown: Option<String>,
}

/// `aws_redshift_logging` before it is attached to its cluster.
#[derive(Clone, Debug)]
pub struct RedshiftLoggingResource {
    pub id: ResourceId,
    pub cluster: Value<Link<Redshift>>,
    pub logging: RedshiftLogging,
}

/// One `log_destination_config` / `LogDestinationConfigs[]` entry.
#[derive(Clone, Debug)]
pub struct FirewallLogDestination {
    pub log_type: Value<super::vocab::FirewallLogType>,
    /// `s3`/`S3`, `cloudwatchlogs`/`CloudWatchLogs`, `kinesisdatafirehose`/`KinesisDataFirehose`.
    pub destination_type: Value<super::vocab::FirewallLogDestinationType>,
    /// `bucketName` / `logGroup` of `log_destination`.
    pub store: Value<Link<LogStore>>,
}

/// `aws_networkfirewall_logging_configuration` / `AWS::NetworkFirewall::LoggingConfiguration`.
#[derive(Clone, Debug)]
pub struct FirewallLogging {
    pub id: ResourceId,
    pub firewall: Value<Link<Firewall>>,
    /// Unknown when the destination list is.
    pub destinations: Value<Vec<FirewallLogDestination>>,
}

/// `aws_networkfirewall_firewall` / `AWS::NetworkFirewall::Firewall` (NFW-01).
#[derive(Clone, Debug)]
pub struct Firewall {
    pub id: ResourceId,
    /// Logging configurations linked to this firewall (indexes into `firewall_logging`).
    pub logging: Vec<usize>,
    /// An in-scope logging configuration of the same unit whose firewall is unknown.
    pub unknown_logging: Option<ResourceId>,
}

/// Which broker service a [`Broker`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrokerKind {
    Msk,
    Mq,
}

/// `aws_msk_cluster` / `AWS::MSK::Cluster`, `aws_mq_broker` / `AWS::AmazonMQ::Broker` (BRK-01).
#[derive(Clone, Debug)]
pub struct Broker {
    pub id: ResourceId,
    pub kind: BrokerKind,
    /// MQ `engine_type` / `EngineType`.
    pub engine: Value<super::vocab::MqEngine>,
    /// MSK: some broker log destination is enabled. MQ: `logs.general`.
    pub general: Value<bool>,
    /// MQ `logs.audit` (default false).
    pub audit: Value<bool>,
    /// MSK `cloudwatch_logs.log_group` / `CloudWatchLogs.LogGroup` (when enabled).
    pub log_group: Value<Link<LogGroup>>,
    /// MSK `s3.bucket` / `S3.Bucket` (when enabled).
    pub bucket: Value<Link<Bucket>>,
}

/// Everything of this module's services the scan found.
#[derive(Clone, Debug, Default)]
pub struct Workloads {
    pub databases: Vec<Database>,
    pub eks_clusters: Vec<EksCluster>,
    pub detectors: Vec<Detector>,
    /// Resources that enable GuardDuty in the account (detectors, organization admin
    /// account and configuration): DET-00.
    pub guardduty: Vec<ResourceId>,
    /// Resources that enable Security Hub (account, hub, delegated admin, organization
    /// configuration): DET-02.
    pub security_hub: Vec<ResourceId>,
    pub domains: Vec<DomainLogs>,
    pub zones: Vec<HostedZone>,
    pub query_logs: Vec<QueryLog>,
    pub resolver_configs: Vec<ResolverConfig>,
    pub resolver_associations: Vec<ResolverAssociation>,
    /// One entry per VPC of the model, in the order of `Model::vpcs`.
    pub vpc_query_logging: Vec<VpcQueryLogging>,
    pub redshift: Vec<Redshift>,
    pub redshift_logging: Vec<RedshiftLoggingResource>,
    pub firewalls: Vec<Firewall>,
    pub firewall_logging: Vec<FirewallLogging>,
    pub brokers: Vec<Broker>,
}
