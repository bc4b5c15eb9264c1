//! The normalized resource model: AWS concepts, not syntax. Front ends fill it; rules read it.

pub mod governance;
pub mod ids;
pub mod policy;
pub mod services;
pub mod value;
pub mod vocab;
pub mod workloads;

pub use ids::{Any, Id, Kind, Link, LogStore, Store, Target};
pub use value::{Origin, Step, StepKind, Value};

use crate::source::{FileId, Span};

/// Which language a resource was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Iac {
    Terraform,
    TerraformPlan,
    CloudFormation,
}

impl Iac {
    pub fn as_str(self) -> &'static str {
        match self {
            Iac::Terraform => "terraform",
            Iac::TerraformPlan => "terraform-plan",
            Iac::CloudFormation => "cloudformation",
        }
    }
}

/// Index into [`Model::resources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResourceId(pub usize);

/// Which instance of its unit a resource belongs to, for linking by literal name: a name
/// shared by several instances (a module called once per region, `count`, `for_each`,
/// provider aliases) links each instance to its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Instance {
    /// The module instance path (`module.rec["b"].`); empty at the root and in templates.
    pub module: String,
    /// The resource's own `count`/`for_each` key (`[0]`, `["a"]`); empty when single.
    pub key: String,
    /// The provider configuration it names (`aws.east`), when written.
    pub provider: Option<String>,
}

impl Instance {
    /// How close two resources of the same unit are: 3 same module instance, key and
    /// provider; 2 same module instance and provider; 1 same module instance; 0 otherwise.
    pub fn affinity(&self, other: &Instance) -> u8 {
        if self.module != other.module {
            return 0;
        }
        if self.provider != other.provider {
            return 1;
        }
        if self.key == other.key || self.key.is_empty() || other.key.is_empty() {
            3
        } else {
            2
        }
    }
}

/// What every modelled resource has.
#[derive(Clone, Debug)]
pub struct Resource {
    /// `aws_cloudtrail.main` / logical ID `Trail`.
    pub address: String,
    /// `aws_cloudtrail` / `AWS::CloudTrail::Trail`.
    pub resource_type: String,
    pub iac: Iac,
    /// `resource "aws_cloudtrail" "main"` or the logical ID key.
    pub header: Span,
    /// Instance addresses when the resource is created several times.
    pub instances: Vec<String>,
    /// Its module instance, key and provider (for instance-aware links).
    pub instance: Instance,
    /// Extra context shown with findings (e.g. the CDK construct path).
    pub context: Option<String>,
    /// Set when the resource may not exist (unknown `count`/`for_each`, unknown
    /// CloudFormation `Condition`): says what its existence depends on. Findings on such
    /// a resource are reported only with `--strict`.
    pub exists_if: Option<String>,
    /// For a resource of a child module: the `module` blocks that call it, innermost
    /// first. Findings on it show them as related locations.
    pub module_calls: Vec<Step>,
}

impl Resource {
    pub fn file(&self) -> FileId {
        self.header.file
    }
}

/// Which management events a trail records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManagementEvents {
    All,
    ReadOnly,
    WriteOnly,
    None,
}

#[derive(Clone, Debug)]
pub struct Trail {
    pub id: ResourceId,
    pub multi_region: Value<bool>,
    pub log_file_validation: Value<bool>,
    pub kms_key: Value<Link<KmsKey>>,
    pub cloudwatch_log_group: Value<Link<LogGroup>>,
    pub cloudwatch_role: Value<Link<governance::Role>>,
    pub logging: Value<bool>,
    pub global_service_events: Value<bool>,
    /// What the selectors record; the span is the deciding selector attribute.
    pub management_events: Value<ManagementEvents>,
    /// Management event sources the selectors exclude (`exclude_management_event_sources`,
    /// an advanced selector's `eventSource` `not_equals`); empty when none.
    pub excluded_sources: Value<Vec<String>>,
    /// Whether the selectors record S3 object-level data events.
    pub s3_data_events: Value<bool>,
    /// Whether they record S3 data events of all current and future buckets (a data
    /// resource `arn:aws:s3:::`, or an advanced selector without a `resources.ARN` condition).
    pub s3_all_buckets: Value<bool>,
    /// Whether any insight selector is configured.
    pub insights: Value<bool>,
    pub bucket: Value<Link<Bucket>>,
    /// `s3_key_prefix` / `S3KeyPrefix` (log objects go under `<prefix>/AWSLogs/`).
    pub s3_key_prefix: Value<String>,
}

impl Trail {
    /// Records all management events (CT-07's definition): read and write, from every
    /// source. `None` when the selectors are not known.
    pub fn records_all_management(&self) -> Option<bool> {
        let excluded = self.excluded_sources.get().map(|e| !e.is_empty());
        match (self.management_events.get(), excluded) {
            (Some(m), _) if *m != ManagementEvents::All => Some(false),
            (_, Some(true)) => Some(false),
            (Some(_), Some(false)) => Some(true),
            _ => None,
        }
    }

    /// Multi-region, logging and recording all management events (CIS 3.1, CT-00, and
    /// CT-01's exemption).
    pub fn is_baseline(&self) -> bool {
        self.multi_region.is_true() && self.logging.is_true() && self.records_all_management() == Some(true)
    }

    /// Whether the trail may be a baseline trail: no deciding value is known to disqualify
    /// it, and one is not known.
    pub fn maybe_baseline(&self) -> bool {
        !self.multi_region.is_false()
            && !self.logging.is_false()
            && self.records_all_management() != Some(false)
            && !self.is_baseline()
    }
}

#[derive(Clone, Debug)]
pub struct EventDataStore {
    pub id: ResourceId,
    pub retention_days: Value<f64>,
    pub termination_protection: Value<bool>,
    pub multi_region: Value<bool>,
    /// `kms_key_id` / `KmsKeyId`; absent: an AWS owned key encrypts the store.
    pub kms_key: Value<Link<KmsKey>>,
}

/// Why a bucket or log group holds security logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LogSourceKind {
    CloudTrail,
    FlowLogs,
    Config,
    /// S3 server access logs (the bucket is another bucket's access-log target).
    AccessLogs,
    LoadBalancer,
    CloudFront,
    /// A CloudWatch Logs vended-log delivery (load balancer, CloudFront, WAF).
    Vended,
    /// API Gateway stage access logs.
    ApiGateway,
    /// AWS WAF web ACL logs.
    Waf,
    /// Named in the configuration file (`log_buckets` / `log_groups`).
    Configured,
    // Service logs of `model::workloads` (services.md 4.4-4.15).
    Database,
    Eks,
    OpenSearch,
    DnsQueryLogs,
    ResolverQueryLogs,
    Redshift,
    NetworkFirewall,
    Broker,
}

impl LogSourceKind {
    /// Service logs of `model::workloads`: AWS does not document that these services
    /// deliver to SSE-KMS buckets (services.md 6), so S3-02 exempts their buckets.
    pub fn is_workload_log(self) -> bool {
        matches!(
            self,
            LogSourceKind::Database
                | LogSourceKind::Eks
                | LogSourceKind::OpenSearch
                | LogSourceKind::DnsQueryLogs
                | LogSourceKind::ResolverQueryLogs
                | LogSourceKind::Redshift
                | LogSourceKind::NetworkFirewall
                | LogSourceKind::Broker
        )
    }
    pub fn describe(self) -> &'static str {
        match self {
            LogSourceKind::CloudTrail => "CloudTrail logs",
            LogSourceKind::FlowLogs => "VPC flow logs",
            LogSourceKind::Config => "AWS Config snapshots",
            LogSourceKind::AccessLogs => "S3 server access logs",
            LogSourceKind::LoadBalancer => "load balancer access logs",
            LogSourceKind::CloudFront => "CloudFront access logs",
            LogSourceKind::Vended => "CloudWatch Logs vended logs",
            LogSourceKind::ApiGateway => "API Gateway access logs",
            LogSourceKind::Waf => "AWS WAF logs",
            LogSourceKind::Configured => "logs (listed in the configuration)",
            LogSourceKind::Database => "database logs",
            LogSourceKind::Eks => "EKS control plane logs",
            LogSourceKind::OpenSearch => "OpenSearch logs",
            LogSourceKind::DnsQueryLogs => "Route 53 query logs",
            LogSourceKind::ResolverQueryLogs => "Resolver query logs",
            LogSourceKind::Redshift => "Redshift audit logs",
            LogSourceKind::NetworkFirewall => "Network Firewall logs",
            LogSourceKind::Broker => "broker logs",
        }
    }
}

/// One reason a store holds logs: the kind, and the resource that sends them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LogSource {
    pub kind: LogSourceKind,
    pub from: Option<ResourceId>,
    /// For a bucket: the key prefix the source writes its objects under (`AWSLogs/`,
    /// `trail/AWSLogs/`, the access-log `target_prefix`), when it is known; `None` when
    /// unknown or not documented for the source (services.md 4.21).
    pub key_prefix: Option<String>,
}

impl LogSource {
    pub fn new(kind: LogSourceKind, from: Option<ResourceId>) -> LogSource {
        LogSource {
            kind,
            from,
            key_prefix: None,
        }
    }
}

/// One S3 lifecycle rule (`aws_s3_bucket_lifecycle_configuration.rule`, provider v3
/// inline `lifecycle_rule`, CloudFormation `LifecycleConfiguration.Rules[]`).
#[derive(Clone, Debug, PartialEq)]
pub struct LifecycleRule {
    /// `id` / `Id`.
    pub id: Value<String>,
    /// `status = "Enabled"` / v3 `enabled = true` / `Status: Enabled`.
    pub enabled: Value<bool>,
    /// The key prefix the rule is limited to; `""` when it has no filter.
    pub prefix: Value<String>,
    /// The rule filters on tags (delivered log objects carry none); unknown when unknown.
    pub tag_filter: Value<bool>,
    /// The rule filters on object size.
    pub size_filter: Value<bool>,
    /// `expiration.days` / `ExpirationInDays`.
    pub expiration_days: Value<f64>,
    /// `expiration.date` / `ExpirationDate`.
    pub expiration_date: Value<String>,
    /// `noncurrent_version_expiration.noncurrent_days` (v3 `.days`) /
    /// `NoncurrentVersionExpiration.NoncurrentDays` / `NoncurrentVersionExpirationInDays`.
    pub noncurrent_days: Value<f64>,
    /// `newer_noncurrent_versions` / `NewerNoncurrentVersions`.
    pub newer_noncurrent_versions: Value<f64>,
    /// Written as a provider v3 inline `lifecycle_rule` (attribute names differ).
    pub inline_v3: bool,
}

/// An Object Lock default retention rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Retention {
    /// `GOVERNANCE` or `COMPLIANCE`, when known.
    pub mode: Option<vocab::RetentionMode>,
    pub days: Option<f64>,
}

/// The four S3 Block Public Access flags (`aws_s3_bucket_public_access_block`,
/// `PublicAccessBlockConfiguration`). Inside a written block an omitted flag is false; AWS
/// turns all four on for new buckets when no block is written.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicAccessBlock {
    pub block_public_acls: Value<bool>,
    pub block_public_policy: Value<bool>,
    pub ignore_public_acls: Value<bool>,
    pub restrict_public_buckets: Value<bool>,
}

impl PublicAccessBlock {
    /// Every flag with the same value (e.g. unknown because the block is).
    pub fn all(v: impl Fn() -> Value<bool>) -> PublicAccessBlock {
        PublicAccessBlock {
            block_public_acls: v(),
            block_public_policy: v(),
            ignore_public_acls: v(),
            restrict_public_buckets: v(),
        }
    }
    /// The flags with their model field names, in AWS's order.
    pub fn flags(&self) -> [(&'static str, &Value<bool>); 4] {
        [
            ("block_public_acls", &self.block_public_acls),
            ("block_public_policy", &self.block_public_policy),
            ("ignore_public_acls", &self.ignore_public_acls),
            ("restrict_public_buckets", &self.restrict_public_buckets),
        ]
    }
}

#[derive(Clone, Debug)]
pub struct Bucket {
    pub id: ResourceId,
    /// The bucket name, when written.
    pub name: Value<String>,
    /// Default encryption algorithm (`AES256`, `aws:kms`, `aws:kms:dsse`); absent when no
    /// encryption configuration exists.
    pub sse_algorithm: Value<vocab::SseAlgorithm>,
    pub sse_kms_key: Value<Link<KmsKey>>,
    /// `Enabled`, `Suspended` or `Disabled`; absent when never configured.
    pub versioning: Value<vocab::VersioningStatus>,
    pub object_lock: Value<bool>,
    /// The default retention rule; absent when there is none.
    pub object_lock_retention: Value<Retention>,
    /// The bucket's public access block (inline `PublicAccessBlockConfiguration`,
    /// `aws_s3_bucket_public_access_block`); `None` when none is written.
    pub public_access_block: Option<PublicAccessBlock>,
    /// Canned ACL.
    pub acl: Value<vocab::Spelled<vocab::CannedAcl>>,
    /// Bucket policies (inline, `aws_s3_bucket_policy`, `AWS::S3::BucketPolicy`).
    pub policies: Vec<Value<policy::PolicyDocument>>,
    /// Where this bucket's own server access logs go.
    pub access_log_target: Value<Link<Bucket>>,
    /// Whether a lifecycle configuration exists.
    pub lifecycle: Value<bool>,
    /// The rules of the lifecycle configuration in effect; unknown when they cannot be
    /// known (the whole list, or a split configuration whose bucket is unknown).
    pub lifecycle_rules: Value<Vec<LifecycleRule>>,
    /// Terraform `force_destroy` (default false); absent in CloudFormation.
    pub force_destroy: Value<bool>,
    /// The key prefix of the S3 server access logs this bucket sends (`target_prefix`,
    /// `LogFilePrefix`; default empty).
    pub access_log_prefix: Value<String>,
    /// Object Ownership (`BucketOwnerEnforced`, `BucketOwnerPreferred`, `ObjectWriter`);
    /// absent when no ownership controls are written.
    pub object_ownership: Value<vocab::ObjectOwnership>,
    /// Why this bucket receives logs; empty for plain buckets.
    pub log_sources: Vec<LogSource>,
}

impl Bucket {
    pub fn is_log_bucket(&self) -> bool {
        !self.log_sources.is_empty()
    }
    /// Whether an Object Lock default retention keeps new objects at least `days` (in
    /// `COMPLIANCE` mode when `compliance_only`); `None` when that cannot be known.
    pub fn locked_for(&self, days: f64, compliance_only: bool) -> Option<bool> {
        if self.object_lock.is_false() || self.object_lock_retention.is_missing() {
            return Some(false);
        }
        let r = self.object_lock_retention.get()?;
        if self.object_lock.is_unknown() {
            return None;
        }
        let mode_ok = !compliance_only || *r.mode.as_ref()? == vocab::RetentionMode::Compliance;
        Some(mode_ok && r.days? >= days)
    }
    /// Receives S3 server access logs (exempt from some rules, subject to S3-10).
    pub fn is_access_log_target(&self) -> bool {
        self.log_sources.iter().any(|s| s.kind == LogSourceKind::AccessLogs)
    }
}

#[derive(Clone, Debug)]
pub struct LogGroup {
    pub id: ResourceId,
    pub name: Value<String>,
    pub retention_days: Value<f64>,
    pub kms_key: Value<Link<KmsKey>>,
    /// `deletion_protection_enabled` / `DeletionProtectionEnabled` (default false). Terraform:
    /// absent when the provider is known to predate the argument (v6.25.0), unknown when
    /// the provider version is not known (the model builder decides, services.md 4.13).
    pub deletion_protection: Value<bool>,
    /// Why this log group holds security logs; empty for other log groups.
    pub log_sources: Vec<LogSource>,
}

#[derive(Clone, Debug)]
pub struct KmsKey {
    pub id: ResourceId,
    pub rotation: Value<bool>,
    /// Log stores this key encrypts (trails, log groups, log buckets).
    pub log_uses: Vec<ResourceId>,
    /// Other resources in the scan this key encrypts.
    pub other_uses: Vec<ResourceId>,
}

/// `aws_flow_log` / `AWS::EC2::FlowLog`.
#[derive(Clone, Debug)]
pub struct FlowLog {
    pub id: ResourceId,
    /// The VPC, subnet, network interface or transit gateway it records.
    pub target: Value<Link>,
    /// `VPC`, `Subnet`, `NetworkInterface`, `TransitGateway`, ... when known.
    pub target_kind: Option<String>,
    /// `cloud-watch-logs` (default), `s3` or `kinesis-data-firehose`.
    pub destination_type: Value<vocab::FlowLogDestination>,
    pub destination: Value<Link<LogStore>>,
    pub traffic_type: Value<vocab::Spelled<vocab::TrafficType>>,
    /// The key prefix of S3 deliveries: the destination ARN's path + `/AWSLogs/`
    /// (`AWSLogs/` without a path); `None` when unknown.
    pub destination_prefix: Option<String>,
}

/// `aws_config_delivery_channel` / `AWS::Config::DeliveryChannel`.
#[derive(Clone, Debug)]
pub struct DeliveryChannel {
    pub id: ResourceId,
    pub bucket: Value<Link<Bucket>>,
    pub kms_key: Value<Link<KmsKey>>,
    /// `s3_key_prefix` / `S3KeyPrefix`.
    pub s3_key_prefix: Value<String>,
}

/// A metric name or namespace as the monitoring chain compares them: known text, or an
/// unknown expression (two unknowns are taken to be equal when written the same way,
/// e.g. both `var.namespace` or both `!Ref AWS::StackName`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetricName {
    Text(String),
    Expr(String),
}

impl MetricName {
    pub fn of(v: &Value<String>) -> Option<MetricName> {
        match (v.get(), v.unresolved()) {
            (Some(t), _) => Some(MetricName::Text(t.clone())),
            (None, Some(why)) => Some(MetricName::Expr(why.to_string())),
            _ => None,
        }
    }
    pub fn is_known(&self) -> bool {
        matches!(self, MetricName::Text(_))
    }
    pub fn show(&self) -> &str {
        match self {
            MetricName::Text(t) | MetricName::Expr(t) => t,
        }
    }
}

/// `metric_transformation` / `MetricTransformations[*]`.
#[derive(Clone, Debug)]
pub struct MetricTransformation {
    pub name: Value<String>,
    pub namespace: Value<String>,
}

/// `aws_cloudwatch_log_metric_filter` / `AWS::Logs::MetricFilter`.
#[derive(Clone, Debug)]
pub struct MetricFilter {
    pub id: ResourceId,
    /// The filter's own name (`name`, `FilterName`).
    pub name: Value<String>,
    pub log_group: Value<Link<LogGroup>>,
    /// The pattern text (`pattern`, `FilterPattern`).
    pub pattern: Value<String>,
    /// The parsed pattern, when its text is known.
    pub parsed: Option<Result<crate::patterns::FilterPattern, crate::patterns::PatternError>>,
    pub metrics: Vec<MetricTransformation>,
    /// The transformations property (for locating findings), or unknown when not knowable.
    pub metrics_prop: Value<()>,
}

/// How an alarm names its metric.
#[derive(Clone, Debug)]
pub struct Alarm {
    pub id: ResourceId,
    pub metric_name: Value<String>,
    pub namespace: Value<String>,
    /// Set when `metric_name`/`namespace` refer to a metric filter directly
    /// (`aws_cloudwatch_log_metric_filter.x.metric_transformation[0].name`, `.id`):
    /// (filter resource, which attribute).
    pub metric_name_ref: Option<(ResourceId, String)>,
    pub namespace_ref: Option<(ResourceId, String)>,
    /// Number of `alarm_actions` / `AlarmActions` (unknown when the list is).
    pub actions: Value<usize>,
    pub actions_enabled: Value<bool>,
    /// Each written `alarm_actions` / `AlarmActions` entry, linked (an SNS topic, ...).
    pub action_targets: Vec<Value<Link>>,
}

impl Alarm {
    /// Known to notify: at least one action, actions enabled.
    pub fn notifies(&self) -> Option<bool> {
        let n = self.actions.get();
        let enabled = self.actions_enabled.get();
        match (n, enabled) {
            (Some(0), _) | (_, Some(false)) => Some(false),
            (Some(_), Some(true)) => Some(true),
            _ => None,
        }
    }
}

/// `aws_cloudwatch_event_rule` / `AWS::Events::Rule`.
#[derive(Clone, Debug)]
pub struct EventRule {
    pub id: ResourceId,
    pub name: Value<String>,
    /// The event pattern as JSON (absent for schedule-only rules).
    pub pattern: Value<serde_json::Value>,
    /// The parsed pattern, when the pattern is known.
    pub parsed: Option<Result<crate::patterns::EventPattern, crate::patterns::PatternError>>,
    /// `event_bus_name` / `EventBusName`; default `default`. CloudTrail events reach only
    /// the default bus.
    pub event_bus: Value<String>,
    /// `state != DISABLED` / `is_enabled`; default enabled.
    pub enabled: Value<bool>,
    /// Targets: CloudFormation `Targets` count, plus Terraform `aws_cloudwatch_event_target`s
    /// linked to the rule. Unknown when some target may or may not be this rule's.
    pub targets: Value<usize>,
    /// The ARN of each target (CloudFormation `Targets[].Arn`, Terraform
    /// `aws_cloudwatch_event_target.arn` of the targets linked to the rule), linked.
    pub target_arns: Vec<Value<Link>>,
}

/// `aws_vpc`, `aws_default_vpc`, `AWS::EC2::VPC`.
#[derive(Clone, Debug)]
pub struct Vpc {
    pub id: ResourceId,
    pub default_vpc: bool,
    /// Flow logs attached to this VPC.
    pub flow_logs: Vec<ResourceId>,
    /// Subnets of this VPC in the scan.
    pub subnets: Vec<ResourceId>,
    /// Flow logs of the same unit whose target is unknown (may be this VPC or its subnets).
    pub unknown_flow_logs: Vec<ResourceId>,
}

/// `aws_subnet`, `aws_default_subnet`, `AWS::EC2::Subnet`.
#[derive(Clone, Debug)]
pub struct Subnet {
    pub id: ResourceId,
    pub vpc: Value<Link<Vpc>>,
    pub flow_logs: Vec<ResourceId>,
}

/// `aws_config_configuration_recorder` / `AWS::Config::ConfigurationRecorder`.
#[derive(Clone, Debug)]
pub struct ConfigRecorder {
    pub id: ResourceId,
    pub name: Value<String>,
    /// Records all supported resource types (span: the deciding attribute).
    pub all_supported: Value<bool>,
    pub include_global: Value<bool>,
    /// `recording_strategy.use_only` / `RecordingStrategy.UseOnly`.
    pub strategy: Value<vocab::RecordingStrategy>,
    /// Resource types excluded (`exclusion_by_resource_types`), when the strategy excludes.
    pub exclusions: Vec<String>,
    /// Terraform: whether a recorder status resource enables this recorder
    /// (true / false / unknown); CloudFormation starts recorders itself (default true).
    pub started: Value<bool>,
    /// `role_arn` / `RoleARN`: the role it records with.
    pub role: Value<Link<governance::Role>>,
}

/// A resource that sends access logs to a bucket (load balancers, CloudFront).
#[derive(Clone, Debug)]
pub struct AccessLogSender {
    pub id: ResourceId,
    pub kind: LogSourceKind,
    pub bucket: Value<Link<Bucket>>,
    /// The key prefix its log objects are written under (`<prefix>/AWSLogs/` for load
    /// balancers, the raw prefix for CloudFront); `None` when unknown.
    pub key_prefix: Option<String>,
}

/// What a Terraform root module says about the AWS provider version it runs with
/// (`.terraform.lock.hcl`, `required_providers`): a module-level fact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProviderVersion {
    /// The version `.terraform.lock.hcl` selects for `registry.terraform.io/hashicorp/aws`.
    pub locked: Option<[u64; 3]>,
    /// The highest lower bound among the root's `required_providers` constraints on `aws`.
    pub floor: Option<[u64; 3]>,
}

impl ProviderVersion {
    /// Known to be at least `v` (`Some(true)`), known to be below it (the lock file says
    /// so: `Some(false)`), or not known (`None`).
    pub fn at_least(&self, v: [u64; 3]) -> Option<bool> {
        if self.locked.is_some_and(|l| l >= v) || self.floor.is_some_and(|f| f >= v) {
            Some(true)
        } else if self.locked.is_some() {
            Some(false)
        } else {
            None
        }
    }
}

/// Everything the scan found, linked.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub resources: Vec<Resource>,
    pub trails: Vec<Trail>,
    pub event_data_stores: Vec<EventDataStore>,
    pub buckets: Vec<Bucket>,
    pub log_groups: Vec<LogGroup>,
    pub kms_keys: Vec<KmsKey>,
    pub flow_logs: Vec<FlowLog>,
    pub delivery_channels: Vec<DeliveryChannel>,
    pub access_log_senders: Vec<AccessLogSender>,
    pub metric_filters: Vec<MetricFilter>,
    pub alarms: Vec<Alarm>,
    pub event_rules: Vec<EventRule>,
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub config_recorders: Vec<ConfigRecorder>,
    /// `aws_config_config_rule`, conformance packs (and their organization variants).
    pub config_rules: Vec<ResourceId>,
    /// Service logging: load balancers, API Gateway, CloudFront, WAF, vended deliveries.
    pub services: services::Services,
    /// Service logs and detection services (`model::workloads`).
    pub workloads: workloads::Workloads,
    /// Config aggregators, IAM roles, SNS topics and subscriptions (`model::governance`).
    pub governance: governance::Governance,
    /// The unit (Terraform module directory, template) of each resource, by [`ResourceId`].
    pub unit_of: Vec<usize>,
    /// The AWS provider version of each unit (Terraform roots; default elsewhere).
    pub aws_provider: Vec<ProviderVersion>,
}

impl Model {
    pub fn resource(&self, id: ResourceId) -> &Resource {
        &self.resources[id.0]
    }

    /// Whether two resources come from the same unit (module directory or template).
    pub fn same_unit(&self, a: ResourceId, b: ResourceId) -> bool {
        self.unit_of.get(a.0).is_some() && self.unit_of.get(a.0) == self.unit_of.get(b.0)
    }

    /// Whether two resources are deployed with the same credentials (so into the same
    /// account): one template; in Terraform the same module instance and provider
    /// configuration (both the default provider, or the same alias). `Some(false)`: a
    /// different alias; `None`: not known (different units or module instances, or one
    /// resource in each language).
    pub fn same_account(&self, a: ResourceId, b: ResourceId) -> Option<bool> {
        let (ra, rb) = (self.resource(a), self.resource(b));
        match (ra.iac, rb.iac) {
            (Iac::CloudFormation, Iac::CloudFormation) => Some(true),
            (Iac::CloudFormation, _) | (_, Iac::CloudFormation) => None,
            _ => {
                if !self.same_unit(a, b) || ra.instance.module != rb.instance.module {
                    return None;
                }
                Some(ra.instance.provider == rb.instance.provider)
            }
        }
    }

    /// A short human description of why a store holds logs:
    /// `receives CloudTrail logs from aws_cloudtrail.org and VPC flow logs from aws_flow_log.vpc`.
    pub fn describe_sources(&self, sources: &[LogSource]) -> String {
        let parts: Vec<String> = sources
            .iter()
            .map(|s| match s.from {
                Some(id) => format!("{} from {}", s.kind.describe(), self.resource(id).address),
                None => s.kind.describe().to_string(),
            })
            .collect();
        format!("receives {}", parts.join(" and "))
    }

    /// The display name of a bucket or log group: its written name, else its address.
    pub fn display_name(&self, id: ResourceId, name: &Value<String>) -> String {
        match name.get() {
            Some(n) => format!("\"{n}\""),
            None => self.resource(id).address.clone(),
        }
    }
}
