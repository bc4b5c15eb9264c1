//! The one table of AWS resource kinds: for each kind, its Terraform and CloudFormation
//! types, its adapter, the attribute that names it (for literal-name links) and its
//! roles. The name index, the dispatch, log-store detection and key-use detection all
//! read this table; adding a service is a model struct, an adapter function and a row.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::links::Pending;
use super::{Ctx, K, View, cloudtrail, governance, kms, logs, monitoring, s3, services, workloads};
use crate::model::{Model, ResourceId};

/// Where a kind's name is looked up when another resource names it literally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameSpace {
    Bucket,
    LogGroup,
    /// `alias/name` of a KMS key alias.
    KeyAlias,
}

/// What a kind is, beyond its own model struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Holds or ships logs: the keys it uses are log keys (KMS-02 `log_uses`).
    LogStore,
    /// A bucket: its keys are log keys when it receives logs.
    Bucket,
    /// A log group: its keys are log keys when it is a security log group (a trail, flow
    /// log or other log source delivers to it, or the configuration lists it).
    LogGroup,
    /// A split bucket encryption setting: its key use is its bucket's.
    BucketEncryption,
    /// A trail: what it refers to (its SNS topic, its role) is part of logging too.
    Trail,
}

/// Builds the model value(s) of one resource.
pub type Adapter = fn(&mut Model, &Ctx, ResourceId, &View, &mut Pending);

pub struct Kind {
    pub terraform: &'static [&'static str],
    pub cloudformation: &'static [&'static str],
    pub adapt: Adapter,
    /// The index and the attribute holding the name literal links use.
    pub named: Option<(NameSpace, K)>,
    pub roles: &'static [Role],
    /// The properties naming the KMS keys this kind encrypts with (its key links: a
    /// reference, an ARN or an `alias/...` name, also inside a nested block or an unknown
    /// value). Empty: the kind encrypts nothing with the keys it may mention.
    pub keys: &'static [K],
}

impl Kind {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

fn trail(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.trails.push(cloudtrail::trail(cx, id, v));
}
fn event_data_store(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.event_data_stores.push(cloudtrail::event_data_store(cx, id, v));
}
fn bucket(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.buckets.push(s3::bucket(cx, id, v));
}
fn bucket_setting(_: &mut Model, cx: &Ctx, id: ResourceId, v: &View, p: &mut Pending) {
    if let Some((bucket, setting)) = s3::setting(cx, cx.resource_type(), v) {
        p.settings.add(id, bucket, setting);
    }
}
fn log_group(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.log_groups.push(logs::log_group(cx, id, v));
}
fn kms_key(m: &mut Model, _: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.kms_keys.push(kms::kms_key(id, v));
}
fn kms_alias(_: &mut Model, cx: &Ctx, id: ResourceId, v: &View, p: &mut Pending) {
    p.aliases.insert(id, kms::alias_target(cx, v));
}
fn flow_log(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.flow_logs.push(logs::flow_log(cx, id, v));
}
fn delivery_channel(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.delivery_channels.push(logs::delivery_channel(cx, id, v));
}
fn access_log_sender(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    if let Some(sender) = logs::access_log_sender(cx, id, cx.resource_type(), v) {
        m.access_log_senders.push(sender);
    }
    // Service logging (LB-01, CDN-01): the setting itself, whatever its value.
    match cx.resource_type() {
        "aws_cloudfront_distribution" | "AWS::CloudFront::Distribution" => {
            m.services.distributions.push(services::distribution(cx, id, v))
        }
        t => m.services.load_balancers.extend(services::load_balancer(id, t, v)),
    }
}
fn listener(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.services.listeners.push(services::listener(cx, id, v));
}
fn api_gateway(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    services::api_gateway(m, cx, id, v);
}
fn waf(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    services::waf(m, cx, id, v);
}
fn log_delivery(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    services::delivery(m, cx, id, v);
}
fn metric_filter(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.metric_filters.push(monitoring::metric_filter(cx, id, v));
}
fn alarm(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.alarms.push(monitoring::alarm(cx, id, v));
}
fn event_rule(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.event_rules.push(monitoring::event_rule(cx, id, v));
}
fn event_target(_: &mut Model, cx: &Ctx, id: ResourceId, v: &View, p: &mut Pending) {
    let (rule, arn) = monitoring::event_target(cx, v);
    p.settings.targets.push((id, rule, arn));
}
fn vpc(m: &mut Model, cx: &Ctx, id: ResourceId, _: &View, _: &mut Pending) {
    m.vpcs.push(monitoring::vpc(id, cx.resource_type()));
}
fn subnet(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.subnets.push(monitoring::subnet(cx, id, v));
}
fn config_recorder(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.config_recorders.push(monitoring::config_recorder(cx, id, v));
}
fn recorder_status(_: &mut Model, cx: &Ctx, id: ResourceId, v: &View, p: &mut Pending) {
    let (link, enabled) = monitoring::recorder_status(cx, v);
    p.settings.statuses.push((id, link, enabled));
}
fn config_rule(m: &mut Model, _: &Ctx, id: ResourceId, _: &View, _: &mut Pending) {
    m.config_rules.push(id);
}

// Workload and detection services (`model::workloads`).
fn database(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads.databases.push(workloads::database(cx, id, v));
}
fn eks_cluster(m: &mut Model, _: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads.eks_clusters.push(workloads::eks_cluster(id, v));
}
fn guardduty_detector(m: &mut Model, _: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads.detectors.push(workloads::detector(id, v));
    m.workloads.guardduty.push(id);
}
fn guardduty_org(m: &mut Model, _: &Ctx, id: ResourceId, _: &View, _: &mut Pending) {
    m.workloads.guardduty.push(id);
}
fn security_hub(m: &mut Model, _: &Ctx, id: ResourceId, _: &View, _: &mut Pending) {
    m.workloads.security_hub.push(id);
}
fn search_domain(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads.domains.push(workloads::domain(cx, id, v));
}
fn hosted_zone(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads.zones.push(workloads::hosted_zone(cx, id, v));
}
fn query_log(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads.query_logs.push(workloads::query_log(cx, id, v));
}
fn resolver_config(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads.resolver_configs.push(workloads::resolver_config(cx, id, v));
}
fn resolver_association(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads
        .resolver_associations
        .push(workloads::resolver_association(cx, id, v));
}
fn redshift(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads.redshift.push(workloads::redshift(cx, id, v));
}
fn redshift_logging(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads
        .redshift_logging
        .push(workloads::redshift_logging(cx, id, v));
}
fn firewall(m: &mut Model, _: &Ctx, id: ResourceId, _: &View, _: &mut Pending) {
    m.workloads.firewalls.push(workloads::firewall(id));
}
fn firewall_logging(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads
        .firewall_logging
        .push(workloads::firewall_logging(cx, id, v));
}
fn broker(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.workloads.brokers.push(workloads::broker(cx, id, v));
}

// Governance and notification (`model::governance`).
fn config_aggregator(m: &mut Model, _: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.governance.aggregators.push(governance::aggregator(id, v));
}
fn iam_role(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.governance.roles.push(governance::role(cx, id, v));
}
fn sns_topic(m: &mut Model, _: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.governance.topics.push(governance::topic(id, v));
}
fn sns_subscription(m: &mut Model, cx: &Ctx, id: ResourceId, v: &View, _: &mut Pending) {
    m.governance.subscriptions.push(governance::subscription(cx, id, v));
}

/// Every AWS kind the model knows, once.
pub static KINDS: &[Kind] = &[
    Kind {
        terraform: &["aws_cloudtrail"],
        cloudformation: &["AWS::CloudTrail::Trail"],
        adapt: trail,
        named: None,
        roles: &[Role::LogStore, Role::Trail],
        keys: &[K::both("kms_key_id", "KMSKeyId")],
    },
    Kind {
        terraform: &["aws_cloudtrail_event_data_store"],
        cloudformation: &["AWS::CloudTrail::EventDataStore"],
        adapt: event_data_store,
        named: None,
        // Its key encrypts CloudTrail events: a log key (KMS-01, KMS-02; CT-11 coupling).
        roles: &[Role::LogStore],
        keys: &[K::both("kms_key_id", "KmsKeyId")],
    },
    Kind {
        terraform: &["aws_s3_bucket"],
        cloudformation: &["AWS::S3::Bucket"],
        adapt: bucket,
        named: Some((NameSpace::Bucket, K::both("bucket", "BucketName"))),
        roles: &[Role::Bucket],
        keys: &[
            K::both("server_side_encryption_configuration", "BucketEncryption"),
            // Replica keys count as the bucket's (as every key it names did before).
            K::both("replication_configuration", "ReplicationConfiguration"),
        ],
    },
    Kind {
        terraform: &["aws_s3_bucket_server_side_encryption_configuration"],
        cloudformation: &[],
        adapt: bucket_setting,
        named: None,
        roles: &[Role::BucketEncryption],
        keys: &[K::tf("rule")],
    },
    Kind {
        terraform: &[
            "aws_s3_bucket_versioning",
            "aws_s3_bucket_object_lock_configuration",
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_acl",
            "aws_s3_bucket_logging",
            "aws_s3_bucket_lifecycle_configuration",
            "aws_s3_bucket_ownership_controls",
        ],
        cloudformation: &[],
        adapt: bucket_setting,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_s3_bucket_policy"],
        cloudformation: &["AWS::S3::BucketPolicy"],
        adapt: bucket_setting,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_cloudwatch_log_group"],
        cloudformation: &["AWS::Logs::LogGroup"],
        adapt: log_group,
        named: Some((NameSpace::LogGroup, K::both("name", "LogGroupName"))),
        roles: &[Role::LogGroup],
        keys: &[K::both("kms_key_id", "KmsKeyId")],
    },
    Kind {
        terraform: &["aws_kms_key"],
        cloudformation: &["AWS::KMS::Key"],
        adapt: kms_key,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_kms_alias"],
        cloudformation: &["AWS::KMS::Alias"],
        adapt: kms_alias,
        named: Some((NameSpace::KeyAlias, K::both("name", "AliasName"))),
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_flow_log"],
        cloudformation: &["AWS::EC2::FlowLog"],
        adapt: flow_log,
        named: None,
        roles: &[Role::LogStore],
        keys: &[],
    },
    Kind {
        terraform: &["aws_config_delivery_channel"],
        cloudformation: &["AWS::Config::DeliveryChannel"],
        adapt: delivery_channel,
        named: None,
        roles: &[Role::LogStore],
        keys: &[K::both("s3_kms_key_arn", "S3KmsKeyArn")],
    },
    Kind {
        terraform: &["aws_lb", "aws_alb", "aws_elb", "aws_cloudfront_distribution"],
        cloudformation: &[
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "AWS::ElasticLoadBalancing::LoadBalancer",
            "AWS::CloudFront::Distribution",
        ],
        adapt: access_log_sender,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_cloudwatch_log_metric_filter"],
        cloudformation: &["AWS::Logs::MetricFilter"],
        adapt: metric_filter,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_cloudwatch_metric_alarm"],
        cloudformation: &["AWS::CloudWatch::Alarm"],
        adapt: alarm,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_cloudwatch_event_rule"],
        cloudformation: &["AWS::Events::Rule"],
        adapt: event_rule,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_cloudwatch_event_target"],
        cloudformation: &[],
        adapt: event_target,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_vpc", "aws_default_vpc"],
        cloudformation: &["AWS::EC2::VPC"],
        adapt: vpc,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_subnet", "aws_default_subnet"],
        cloudformation: &["AWS::EC2::Subnet"],
        adapt: subnet,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_config_configuration_recorder"],
        cloudformation: &["AWS::Config::ConfigurationRecorder"],
        adapt: config_recorder,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_config_configuration_recorder_status"],
        cloudformation: &[],
        adapt: recorder_status,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &[
            "aws_config_config_rule",
            "aws_config_conformance_pack",
            "aws_config_organization_managed_rule",
            "aws_config_organization_custom_rule",
            "aws_config_organization_custom_policy_rule",
            "aws_config_organization_conformance_pack",
        ],
        cloudformation: &[
            "AWS::Config::ConfigRule",
            "AWS::Config::ConformancePack",
            "AWS::Config::OrganizationConfigRule",
            "AWS::Config::OrganizationConformancePack",
        ],
        adapt: config_rule,
        named: None,
        // A rule's parameters may name keys (the keys it checks); it encrypts nothing.
        roles: &[],
        keys: &[],
    },
    // Service logging (services.md §1, §4.1–4.3, §4.7).
    Kind {
        terraform: &["aws_lb_listener", "aws_alb_listener"],
        cloudformation: &["AWS::ElasticLoadBalancingV2::Listener"],
        adapt: listener,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &[
            "aws_api_gateway_stage",
            "aws_api_gateway_deployment",
            "aws_api_gateway_method_settings",
            "aws_apigatewayv2_stage",
            "aws_apigatewayv2_api",
            "aws_api_gateway_account",
        ],
        cloudformation: &[
            "AWS::ApiGateway::Stage",
            "AWS::ApiGateway::Deployment",
            "AWS::ApiGatewayV2::Stage",
            "AWS::ApiGatewayV2::Api",
            "AWS::ApiGateway::Account",
            "AWS::Serverless::Api",
            "AWS::Serverless::HttpApi",
        ],
        adapt: api_gateway,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &[
            "aws_wafv2_web_acl",
            "aws_waf_web_acl",
            "aws_wafregional_web_acl",
            "aws_wafv2_web_acl_logging_configuration",
        ],
        cloudformation: &["AWS::WAFv2::WebACL", "AWS::WAFv2::LoggingConfiguration"],
        adapt: waf,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &[
            "aws_cloudwatch_log_delivery_source",
            "aws_cloudwatch_log_delivery",
            "aws_cloudwatch_log_delivery_destination",
        ],
        cloudformation: &[
            "AWS::Logs::DeliverySource",
            "AWS::Logs::Delivery",
            "AWS::Logs::DeliveryDestination",
        ],
        adapt: log_delivery,
        named: None,
        roles: &[],
        keys: &[],
    },
    // Workload and detection services (`model::workloads`).
    Kind {
        terraform: &[
            "aws_db_instance",
            "aws_rds_cluster",
            "aws_docdb_cluster",
            "aws_neptune_cluster",
        ],
        cloudformation: &[
            "AWS::RDS::DBInstance",
            "AWS::RDS::DBCluster",
            "AWS::DocDB::DBCluster",
            "AWS::Neptune::DBCluster",
        ],
        adapt: database,
        named: None,
        roles: &[],
        keys: &[
            K::both("kms_key_id", "KmsKeyId"),
            K::tf("kms_key_arn"),
            K::both("performance_insights_kms_key_id", "PerformanceInsightsKMSKeyId"),
            K::both("master_user_secret_kms_key_id", "MasterUserSecret"),
        ],
    },
    Kind {
        terraform: &["aws_eks_cluster"],
        cloudformation: &["AWS::EKS::Cluster"],
        adapt: eks_cluster,
        named: None,
        roles: &[],
        keys: &[K::both("encryption_config", "EncryptionConfig")],
    },
    Kind {
        terraform: &["aws_guardduty_detector"],
        cloudformation: &["AWS::GuardDuty::Detector"],
        adapt: guardduty_detector,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &[
            "aws_guardduty_organization_admin_account",
            "aws_guardduty_organization_configuration",
        ],
        cloudformation: &[],
        adapt: guardduty_org,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &[
            "aws_securityhub_account",
            "aws_securityhub_organization_admin_account",
            "aws_securityhub_organization_configuration",
        ],
        cloudformation: &[
            "AWS::SecurityHub::Hub",
            "AWS::SecurityHub::DelegatedAdmin",
            "AWS::SecurityHub::OrganizationConfiguration",
        ],
        adapt: security_hub,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_opensearch_domain", "aws_elasticsearch_domain"],
        cloudformation: &["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
        adapt: search_domain,
        named: None,
        roles: &[],
        keys: &[K::both("encrypt_at_rest", "EncryptionAtRestOptions")],
    },
    Kind {
        terraform: &["aws_route53_zone"],
        cloudformation: &["AWS::Route53::HostedZone"],
        adapt: hosted_zone,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_route53_query_log"],
        cloudformation: &[],
        adapt: query_log,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_route53_resolver_query_log_config"],
        cloudformation: &["AWS::Route53Resolver::ResolverQueryLoggingConfig"],
        adapt: resolver_config,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_route53_resolver_query_log_config_association"],
        cloudformation: &["AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation"],
        adapt: resolver_association,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_redshift_cluster", "aws_redshiftserverless_namespace"],
        cloudformation: &["AWS::Redshift::Cluster", "AWS::RedshiftServerless::Namespace"],
        adapt: redshift,
        named: None,
        roles: &[],
        keys: &[K::both("kms_key_id", "KmsKeyId")],
    },
    Kind {
        terraform: &["aws_redshift_logging"],
        cloudformation: &[],
        adapt: redshift_logging,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_networkfirewall_firewall"],
        cloudformation: &["AWS::NetworkFirewall::Firewall"],
        adapt: firewall,
        named: None,
        roles: &[],
        keys: &[K::both("encryption_configuration", "EncryptionConfiguration")],
    },
    Kind {
        terraform: &["aws_networkfirewall_logging_configuration"],
        cloudformation: &["AWS::NetworkFirewall::LoggingConfiguration"],
        adapt: firewall_logging,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_msk_cluster", "aws_mq_broker"],
        cloudformation: &["AWS::MSK::Cluster", "AWS::AmazonMQ::Broker"],
        adapt: broker,
        named: None,
        roles: &[],
        keys: &[
            K::both("encryption_info", "EncryptionInfo"),
            K::both("encryption_options", "EncryptionOptions"),
        ],
    },
    // Governance and notification (`model::governance`; services.md 4.12, 4.16, 4.18).
    Kind {
        terraform: &["aws_config_configuration_aggregator"],
        cloudformation: &["AWS::Config::ConfigurationAggregator"],
        adapt: config_aggregator,
        named: None,
        roles: &[],
        keys: &[],
    },
    // Two rows, not one: the Guard projection maps a Terraform type to its row's first
    // CloudFormation type.
    Kind {
        terraform: &["aws_iam_role"],
        cloudformation: &["AWS::IAM::Role"],
        adapt: iam_role,
        named: None,
        // Its policies may name keys; it encrypts nothing with them.
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_iam_service_linked_role"],
        cloudformation: &["AWS::IAM::ServiceLinkedRole"],
        adapt: iam_role,
        named: None,
        roles: &[],
        keys: &[],
    },
    Kind {
        terraform: &["aws_sns_topic"],
        cloudformation: &["AWS::SNS::Topic"],
        adapt: sns_topic,
        named: None,
        roles: &[],
        keys: &[K::both("kms_master_key_id", "KmsMasterKeyId")],
    },
    Kind {
        terraform: &["aws_sns_topic_subscription"],
        cloudformation: &["AWS::SNS::Subscription"],
        adapt: sns_subscription,
        named: None,
        roles: &[],
        keys: &[],
    },
];

/// The table row of a Terraform or CloudFormation type.
pub fn kind_of(resource_type: &str) -> Option<&'static Kind> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m = HashMap::new();
        for (i, k) in KINDS.iter().enumerate() {
            for t in k.terraform.iter().chain(k.cloudformation) {
                m.insert(*t, i);
            }
        }
        m
    });
    index.get(resource_type).map(|&i| &KINDS[i])
}

/// The properties of a resource of this type that may name the keys it encrypts with:
/// a kind of the table declares them ([`Kind::keys`]); a kind outside the table may name
/// them in any property (`None`), except KMS, IAM, policies and grants, which mention
/// keys without encrypting with them (`Some(&[])`).
pub fn key_properties(resource_type: &str) -> Option<&'static [K]> {
    if let Some(k) = kind_of(resource_type) {
        return Some(k.keys);
    }
    let t = resource_type.to_ascii_lowercase();
    let mentions_only = t.starts_with("aws_kms_")
        || t.starts_with("aws::kms::")
        || t.starts_with("aws_iam_")
        || t.starts_with("aws::iam::")
        || t.contains("policy")
        || t.contains("grant");
    mentions_only.then_some(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_is_in_the_table_once() {
        let mut seen = std::collections::HashSet::new();
        for k in KINDS {
            for t in k.terraform {
                assert!(t.starts_with("aws_"), "{t}");
                assert!(seen.insert(*t), "{t} twice");
            }
            for t in k.cloudformation {
                assert!(t.starts_with("AWS::"), "{t}");
                assert!(seen.insert(*t), "{t} twice");
            }
        }
    }

    #[test]
    fn log_stores_declare_their_key_links() {
        // A kind whose keys may be log keys (KMS-01, KMS-02) says where it names them
        // (flow logs take no key).
        for k in KINDS.iter().filter(|k| !k.terraform.contains(&"aws_flow_log")) {
            let stores = [Role::LogStore, Role::Bucket, Role::LogGroup, Role::BucketEncryption];
            if stores.iter().any(|r| k.has(*r)) {
                assert!(!k.keys.is_empty(), "{:?}", k.terraform);
            }
        }
        // Outside the table: KMS, IAM, policies and grants mention keys only.
        assert_eq!(key_properties("aws_kms_grant"), Some(&[][..]));
        assert_eq!(key_properties("AWS::SQS::QueuePolicy"), Some(&[][..]));
        assert_eq!(key_properties("aws_sqs_queue"), None);
        // In the table: what the row declares.
        assert_eq!(key_properties("AWS::KMS::Key"), Some(&[][..]));
        assert_eq!(key_properties("aws_iam_role"), Some(&[][..]));
        assert_eq!(key_properties("aws_cloudtrail").map(<[K]>::len), Some(1));
    }
}
