//! Service logging (services.md §4.1 load balancers, §4.2 API Gateway, §4.3 CloudFront,
//! §4.7 WAF) and the CloudWatch Logs vended-log delivery chain they may use instead of
//! their own settings. Links between them are resolved once by `adapt::service_links`.

use super::{Bucket, Link, LogStore, Model, ResourceId, Value};

/// What a load balancer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LbKind {
    /// `aws_lb`/`aws_alb`/`AWS::ElasticLoadBalancingV2::LoadBalancer` (its type in `lb_type`).
    V2,
    /// `aws_elb` / `AWS::ElasticLoadBalancing::LoadBalancer`.
    Classic,
}

/// A load balancer and its access-log setting.
#[derive(Clone, Debug)]
pub struct LoadBalancer {
    pub id: ResourceId,
    pub kind: LbKind,
    /// `load_balancer_type` / `Type`: `application` (default), `network`, `gateway`.
    pub lb_type: Value<super::vocab::LbType>,
    /// Access logs on (`access_logs.enabled`, the `access_logs.s3.enabled` attribute,
    /// `AccessLoggingPolicy.Enabled`); the span is the deciding attribute.
    pub access_logs: Value<bool>,
    /// The protocols of the listeners linked to it (resolved by the link pass).
    pub listener_protocols: Vec<Value<super::vocab::ListenerProtocol>>,
    /// Listeners of the same unit whose load balancer is not known (may be this one).
    pub unknown_listeners: Vec<ResourceId>,
}

/// `aws_lb_listener` / `aws_alb_listener` / `AWS::ElasticLoadBalancingV2::Listener`.
#[derive(Clone, Debug)]
pub struct Listener {
    pub id: ResourceId,
    pub load_balancer: Value<Link<LoadBalancer>>,
    pub protocol: Value<super::vocab::ListenerProtocol>,
}

/// `aws_cloudfront_distribution` / `AWS::CloudFront::Distribution`.
#[derive(Clone, Debug)]
pub struct Distribution {
    pub id: ResourceId,
    /// The legacy standard-logging bucket (`logging_config.bucket`,
    /// `DistributionConfig.Logging.Bucket`); absent when not configured.
    pub logging_bucket: Value<Link<Bucket>>,
}

/// Which kind of API Gateway stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageKind {
    /// `aws_api_gateway_stage` / `AWS::ApiGateway::Stage`.
    Rest,
    /// The implicit stage of `aws_api_gateway_deployment.stage_name` /
    /// `AWS::ApiGateway::Deployment.StageName`.
    Deployment,
    /// `aws_apigatewayv2_stage` / `AWS::ApiGatewayV2::Stage`.
    V2,
    /// SAM `AWS::Serverless::Api` / `AWS::Serverless::HttpApi` (access logs only).
    Sam,
}

/// An API Gateway stage.
#[derive(Clone, Debug)]
pub struct ApiStage {
    pub id: ResourceId,
    pub kind: StageKind,
    /// The access-log destination; absent when the stage has no access-log settings.
    pub access_log: Value<Link<LogStore>>,
    /// Deployments: `stage_name` / `StageName` (absent: no implicit stage).
    pub stage_name: Value<String>,
    /// REST: `rest_api_id` / `RestApiId`.
    pub rest_api: Value<Link>,
    /// Execution logging level for all methods: REST, from the `*/*` method settings
    /// (inline or linked); WebSocket, `default_route_settings.logging_level`. Absent when
    /// none is written.
    pub logging_level: Value<super::vocab::LoggingLevel>,
    /// REST (Terraform): method settings of the same unit whose stage is not known.
    pub unknown_settings: Vec<ResourceId>,
    /// v2: `api_id` / `ApiId`.
    pub api: Value<Link<V2Api>>,
    /// v2: the linked API's `protocol_type` / `ProtocolType` (resolved by the link pass).
    pub protocol: Value<super::vocab::ApiProtocol>,
}

/// `aws_api_gateway_method_settings`.
#[derive(Clone, Debug)]
pub struct MethodSettings {
    pub id: ResourceId,
    pub rest_api: Value<Link>,
    pub stage: Value<Link<ApiStage>>,
    pub stage_name: Value<String>,
    pub method_path: Value<String>,
    pub logging_level: Value<super::vocab::LoggingLevel>,
}

/// `aws_apigatewayv2_api` / `AWS::ApiGatewayV2::Api`.
#[derive(Clone, Debug)]
pub struct V2Api {
    pub id: ResourceId,
    pub protocol: Value<super::vocab::ApiProtocol>,
}

/// `aws_api_gateway_account` / `AWS::ApiGateway::Account`: the account-level settings
/// whose CloudWatch role API Gateway uses to write execution logs (the APIGW-02 account note).
#[derive(Clone, Debug)]
pub struct ApiAccount {
    pub id: ResourceId,
    /// `cloudwatch_role_arn` / `CloudWatchRoleArn`; absent when not written.
    pub cloudwatch_role: Value<String>,
}

/// A WAF web ACL.
#[derive(Clone, Debug)]
pub struct WebAcl {
    pub id: ResourceId,
    /// WAF Classic (`aws_waf_web_acl`, `aws_wafregional_web_acl`): logging is inline.
    pub classic: bool,
    /// Classic: `logging_configuration.log_destination`; absent when not configured.
    pub classic_destination: Value<Link<LogStore>>,
    /// WAFv2: the logging configurations linked to it (resolved by the link pass).
    pub logging: Vec<ResourceId>,
    /// WAFv2: logging configurations of the same unit whose ACL is not known.
    pub unknown_logging: Vec<ResourceId>,
}

/// `aws_wafv2_web_acl_logging_configuration` / `AWS::WAFv2::LoggingConfiguration`.
#[derive(Clone, Debug)]
pub struct WafLogging {
    pub id: ResourceId,
    pub acl: Value<Link<WebAcl>>,
    /// `log_destination_configs` / `LogDestinationConfigs`: each destination, and the
    /// destination's name when known (see [`destination_name`]).
    pub destinations: Vec<(Value<Link<LogStore>>, Value<String>)>,
    /// The list property itself (unknown when the list is).
    pub destinations_prop: Value<usize>,
}

/// `aws_cloudwatch_log_delivery_source` / `AWS::Logs::DeliverySource`.
#[derive(Clone, Debug)]
pub struct DeliverySource {
    pub id: ResourceId,
    pub resource: Value<Link>,
    pub name: Value<String>,
    pub log_type: Value<String>,
}

/// `aws_cloudwatch_log_delivery` / `AWS::Logs::Delivery`.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub id: ResourceId,
    /// The delivery source (by reference, or by its literal name; resolved by the link pass).
    pub source: Value<Link<DeliverySource>>,
    pub destination: Value<Link<DeliveryDestination>>,
}

/// `aws_cloudwatch_log_delivery_destination` / `AWS::Logs::DeliveryDestination`.
#[derive(Clone, Debug)]
pub struct DeliveryDestination {
    pub id: ResourceId,
    /// The bucket, log group or Firehose stream.
    pub store: Value<Link<LogStore>>,
}

/// The service-logging part of the model.
#[derive(Clone, Debug, Default)]
pub struct Services {
    pub load_balancers: Vec<LoadBalancer>,
    pub listeners: Vec<Listener>,
    pub distributions: Vec<Distribution>,
    pub stages: Vec<ApiStage>,
    pub method_settings: Vec<MethodSettings>,
    pub v2_apis: Vec<V2Api>,
    pub api_accounts: Vec<ApiAccount>,
    pub web_acls: Vec<WebAcl>,
    pub waf_logging: Vec<WafLogging>,
    pub delivery_sources: Vec<DeliverySource>,
    pub deliveries: Vec<Delivery>,
    pub delivery_destinations: Vec<DeliveryDestination>,
}

/// Whether a resource delivers vended logs (section 0 "Unknown").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Coverage {
    Covered,
    /// Might be covered: why it is not known.
    Unknown(String),
    Missing,
}

impl Model {
    /// Whether `resource` has a vended delivery: a delivery source linked to it with one
    /// of `log_types` (any type when empty), plus a delivery from that source. A delivery
    /// source of the same unit whose resource (or log type) is unknown, or a delivery
    /// whose source is unknown, may cover it.
    pub fn vended_coverage(&self, resource: ResourceId, log_types: &[&str]) -> Coverage {
        let s = &self.services;
        let type_ok =
            |t: &Value<String>| log_types.is_empty() || t.get().is_some_and(|t| log_types.contains(&t.as_str()));
        let type_unknown = |t: &Value<String>| !log_types.is_empty() && t.is_unknown();
        let mut unknown: Option<String> = None;
        for src in &s.delivery_sources {
            let linked = src.resource.get().and_then(|l| l.target) == Some(resource);
            let maybe = src.resource.is_unknown() && self.same_unit(src.id, resource);
            if !(linked || maybe) || !(type_ok(&src.log_type) || type_unknown(&src.log_type)) {
                continue;
            }
            let address = &self.resource(src.id).address;
            if maybe {
                unknown.get_or_insert_with(|| format!("the resource of {address} is not known"));
                continue;
            }
            let delivered = s
                .deliveries
                .iter()
                .any(|d| d.source.get().and_then(|l| l.target) == Some(src.id));
            let maybe_delivered = s
                .deliveries
                .iter()
                .find(|d| d.source.is_unknown() && self.same_unit(d.id, src.id));
            if type_unknown(&src.log_type) {
                if delivered || maybe_delivered.is_some() {
                    unknown.get_or_insert_with(|| format!("the log type of {address} is not known"));
                }
                continue;
            }
            if delivered {
                return Coverage::Covered;
            }
            if let Some(d) = maybe_delivered {
                unknown.get_or_insert_with(|| {
                    format!("the delivery source of {} is not known", self.resource(d.id).address)
                });
            }
        }
        match unknown {
            Some(why) => Coverage::Unknown(why),
            None => Coverage::Missing,
        }
    }
}

/// The name a WAF logging destination is known by: the referenced resource's name, or
/// the name in its ARN (after `:log-group:` without a trailing `:*`, after
/// `arn:aws:s3:::`, after `deliverystream/`).
pub fn destination_name(arn: &str) -> &str {
    if let Some(i) = arn.find(":log-group:") {
        return arn[i + 11..].trim_end_matches(":*");
    }
    if let Some(i) = arn.find(":::") {
        return arn[i + 3..].split('/').next().unwrap_or("");
    }
    if let Some(i) = arn.find("deliverystream/") {
        return &arn[i + 15..];
    }
    arn
}
