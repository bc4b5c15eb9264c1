//! Service logging adapters (services.md §1, §4.1–4.3, §4.7): load balancers and their
//! listeners, API Gateway stages, method settings and v2 APIs, CloudFront distributions,
//! WAF web ACLs and their logging configurations, and the CloudWatch Logs vended-log
//! delivery chain (source, delivery, destination).

use super::{Ctx, K, LinkKind, View};
use crate::frontend::{Lang, Prop, V};
use crate::model::services::{
    ApiAccount, ApiStage, Delivery, DeliveryDestination, DeliverySource, Distribution, LbKind, Listener, LoadBalancer,
    MethodSettings, StageKind, V2Api, WafLogging, WebAcl,
};
use crate::model::vocab::{self, LbType, LoggingLevel};
use crate::model::{Link, LogStore, Model, ResourceId, Value};

/// A property read as a block (or list of blocks) that could not be: unknown, saying why
/// (`dynamic "access_logs" block with unknown for_each (var.logs)`, `access_logs: expected
/// a block, got a string`).
fn unknown_from<T>(p: &Prop) -> Value<T> {
    Value::unknown(super::unreadable_prop(p, "a block"), Some(p.span), p.val.prov.clone())
}

/// The link kind an ARN literal designates (a bucket, a log group, anything else).
fn arn_kind(v: &View, k: K) -> LinkKind {
    match v.text(k).get() {
        Some(t) if t.contains(":log-group:") => LinkKind::LogGroup,
        Some(t) if t.starts_with("arn:") && t.contains(":s3:::") => LinkKind::Bucket,
        _ => LinkKind::Other,
    }
}

/// `aws_lb`, `aws_alb`, `aws_elb`, `AWS::ElasticLoadBalancingV2::LoadBalancer`,
/// `AWS::ElasticLoadBalancing::LoadBalancer`.
pub fn load_balancer(id: ResourceId, resource_type: &str, v: &View) -> Option<LoadBalancer> {
    let classic = matches!(resource_type, "aws_elb" | "AWS::ElasticLoadBalancing::LoadBalancer");
    let mut lb_type = v.text(K::both("load_balancer_type", "Type")).map(vocab::parse);
    if lb_type.is_absent() {
        lb_type = Value::default(if classic { LbType::Classic } else { LbType::Application });
    }
    let access_logs = match resource_type {
        // `access_logs { enabled }`: false by default for aws_lb, true for aws_elb.
        "aws_lb" | "aws_alb" | "aws_elb" => match v.first(K::tf("access_logs")) {
            Err(p) => unknown_from(p),
            Ok(None) => Value::default(false),
            Ok(Some((p, logs))) => {
                let on = logs.bool(K::tf("enabled"), classic);
                if on.span.is_none() && on.get().is_some() {
                    Value::explicit(*on.get().unwrap_or(&false), Some(p.span), p.val.prov.clone())
                } else {
                    on
                }
            }
        },
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => match v.items(K::cfn("LoadBalancerAttributes")) {
            Err(p) => unknown_from(p),
            Ok(None) => Value::default(false),
            Ok(Some((p, attrs))) => {
                let mut out = Value::default(false);
                for a in attrs {
                    let key = a.text(K::cfn("Key"));
                    match key.get() {
                        Some(k) if k == "access_logs.s3.enabled" => out = a.bool(K::cfn("Value"), false),
                        Some(_) => {}
                        None => {
                            if !out.is_true() {
                                out = Value::unknown("an attribute key", Some(p.span), p.val.prov.clone());
                            }
                        }
                    }
                }
                out
            }
        },
        "AWS::ElasticLoadBalancing::LoadBalancer" => match v.first(K::cfn("AccessLoggingPolicy")) {
            Err(p) => unknown_from(p),
            Ok(None) => Value::default(false),
            Ok(Some((_, policy))) => policy.bool(K::cfn("Enabled"), false),
        },
        _ => return None,
    };
    Some(LoadBalancer {
        id,
        kind: if classic { LbKind::Classic } else { LbKind::V2 },
        lb_type,
        access_logs,
        listener_protocols: Vec::new(),
        unknown_listeners: Vec::new(),
    })
}

pub fn listener(ctx: &Ctx, id: ResourceId, v: &View) -> Listener {
    Listener {
        id,
        load_balancer: ctx.link(v, K::both("load_balancer_arn", "LoadBalancerArn"), LinkKind::Other),
        protocol: v.text(K::both("protocol", "Protocol")).map(vocab::parse),
    }
}

/// The legacy logging bucket of a distribution.
pub fn distribution(ctx: &Ctx, id: ResourceId, v: &View) -> Distribution {
    let logging = match v.lang() {
        Lang::Terraform => v.first(K::tf("logging_config")),
        Lang::CloudFormation => match v.first(K::cfn("DistributionConfig")) {
            Err(p) => Err(p),
            Ok(None) => Ok(None),
            Ok(Some((_, config))) => config.first(K::cfn("Logging")),
        },
    };
    let logging_bucket = match logging {
        Err(p) => unknown_from(p),
        Ok(None) => Value::absent(),
        Ok(Some((p, l))) => {
            let bucket = ctx.link(&l, K::both("bucket", "Bucket"), LinkKind::Bucket);
            if bucket.is_unknown() {
                // Logging is configured; only which bucket is not known.
                Value::explicit(Link::default(), Some(p.span), p.val.prov.clone())
            } else {
                bucket
            }
        }
    };
    Distribution { id, logging_bucket }
}

/// The access-log destination of a settings block (`destination_arn` / `DestinationArn`).
fn access_log(ctx: &Ctx, v: &View, k: K) -> Value<Link<LogStore>> {
    match v.first(k) {
        Err(p) => unknown_from(p),
        Ok(None) => Value::absent(),
        Ok(Some((_, s))) => {
            let d = K::both("destination_arn", "DestinationArn");
            let kind = match arn_kind(&s, d) {
                LinkKind::Other if v.name(d).is_some() => LinkKind::LogGroup,
                k => k,
            };
            ctx.link(&s, d, kind)
        }
    }
}

/// API Gateway stages (and deployments with an implicit stage), method settings, v2 APIs,
/// and the account settings.
pub fn api_gateway(m: &mut Model, ctx: &Ctx, id: ResourceId, v: &View) {
    let stage = |kind| ApiStage {
        id,
        kind,
        access_log: Value::absent(),
        stage_name: Value::absent(),
        rest_api: ctx.link(v, K::both("rest_api_id", "RestApiId"), LinkKind::Other),
        logging_level: Value::absent(),
        unknown_settings: Vec::new(),
        api: Value::absent(),
        protocol: Value::absent(),
    };
    let s = &mut m.services;
    match ctx.resource_type() {
        "aws_api_gateway_stage" | "AWS::ApiGateway::Stage" => {
            let mut st = stage(StageKind::Rest);
            st.access_log = access_log(ctx, v, K::both("access_log_settings", "AccessLogSetting"));
            st.stage_name = v.text(K::both("stage_name", "StageName"));
            if v.lang() == Lang::CloudFormation {
                st.logging_level = all_methods_level(v);
            }
            s.stages.push(st);
        }
        "aws_api_gateway_deployment" | "AWS::ApiGateway::Deployment" => {
            let mut st = stage(StageKind::Deployment);
            st.stage_name = v.text(K::both("stage_name", "StageName"));
            if st.stage_name.is_absent() {
                return;
            }
            st.access_log = match v.first(K::cfn("StageDescription")) {
                Err(p) => unknown_from(p),
                Ok(None) => Value::absent(),
                Ok(Some((_, d))) => access_log(ctx, &d, K::cfn("AccessLogSetting")),
            };
            s.stages.push(st);
        }
        "aws_apigatewayv2_stage" | "AWS::ApiGatewayV2::Stage" => {
            let mut st = stage(StageKind::V2);
            st.access_log = access_log(ctx, v, K::both("access_log_settings", "AccessLogSettings"));
            st.api = ctx.link(v, K::both("api_id", "ApiId"), LinkKind::Other);
            st.logging_level = match v.first(K::both("default_route_settings", "DefaultRouteSettings")) {
                Err(p) => unknown_from(p),
                Ok(None) => Value::absent(),
                Ok(Some((_, r))) => r.text(K::both("logging_level", "LoggingLevel")).map(vocab::parse),
            };
            s.stages.push(st);
        }
        "AWS::Serverless::Api" | "AWS::Serverless::HttpApi" => {
            let mut st = stage(StageKind::Sam);
            st.access_log = access_log(ctx, v, K::cfn("AccessLogSetting"));
            if st.access_log.is_absent() {
                st.access_log = access_log(ctx, v, K::cfn("AccessLogSettings"));
            }
            s.stages.push(st);
        }
        "aws_api_gateway_method_settings" => {
            let level = match v.first(K::tf("settings")) {
                Err(p) => unknown_from(p),
                Ok(None) => Value::absent(),
                Ok(Some((_, st))) => st.text(K::tf("logging_level")).map(vocab::parse),
            };
            s.method_settings.push(MethodSettings {
                id,
                rest_api: ctx.link(v, K::tf("rest_api_id"), LinkKind::Other),
                stage: ctx.link(v, K::tf("stage_name"), LinkKind::Other),
                stage_name: v.text(K::tf("stage_name")),
                method_path: v.text(K::tf("method_path")),
                logging_level: level,
            });
        }
        "aws_apigatewayv2_api" | "AWS::ApiGatewayV2::Api" => s.v2_apis.push(V2Api {
            id,
            protocol: v.text(K::both("protocol_type", "ProtocolType")).map(vocab::parse),
        }),
        "aws_api_gateway_account" | "AWS::ApiGateway::Account" => s.api_accounts.push(ApiAccount {
            id,
            cloudwatch_role: v.text(K::both("cloudwatch_role_arn", "CloudWatchRoleArn")),
        }),
        _ => {}
    }
}

/// CloudFormation `MethodSettings`: the logging level of the `*` `/*` entry.
fn all_methods_level(v: &View) -> Value<LoggingLevel> {
    match v.items(K::cfn("MethodSettings")) {
        Err(p) => unknown_from(p),
        Ok(None) => Value::absent(),
        Ok(Some((_, items))) => {
            let mut out = Value::absent();
            for m in items {
                let method = m.text(K::cfn("HttpMethod"));
                let path = m.text(K::cfn("ResourcePath"));
                let all = method.get().is_some_and(|x| x == "*") && path.get().is_some_and(|x| x == "/*");
                if all {
                    return m.text(K::cfn("LoggingLevel")).map(vocab::parse);
                }
                if (method.is_unknown() || path.is_unknown()) && out.is_absent() {
                    out = Value::unknown("a method setting's method or path", None, Vec::new());
                }
            }
            out
        }
    }
}

/// WAF web ACLs (v2 and Classic) and WAFv2 logging configurations.
pub fn waf(m: &mut Model, ctx: &Ctx, id: ResourceId, v: &View) {
    let s = &mut m.services;
    match ctx.resource_type() {
        "aws_wafv2_web_acl" | "AWS::WAFv2::WebACL" => s.web_acls.push(WebAcl {
            id,
            classic: false,
            classic_destination: Value::absent(),
            logging: Vec::new(),
            unknown_logging: Vec::new(),
        }),
        "aws_waf_web_acl" | "aws_wafregional_web_acl" => s.web_acls.push(WebAcl {
            id,
            classic: true,
            classic_destination: match v.first(K::tf("logging_configuration")) {
                Err(p) => unknown_from(p),
                Ok(None) => Value::absent(),
                Ok(Some((_, l))) => ctx.link(&l, K::tf("log_destination"), LinkKind::Other),
            },
            logging: Vec::new(),
            unknown_logging: Vec::new(),
        }),
        "aws_wafv2_web_acl_logging_configuration" | "AWS::WAFv2::LoggingConfiguration" => {
            let k = K::both("log_destination_configs", "LogDestinationConfigs");
            let (destinations, destinations_prop) = match v.prop(k) {
                None => (Vec::new(), Value::absent()),
                Some(p) => match &p.val.v {
                    V::List(items) => (
                        items
                            .iter()
                            .map(|item| {
                                let text = item.as_text();
                                let kind = match text.as_deref() {
                                    Some(t) if t.contains(":log-group:") => LinkKind::LogGroup,
                                    Some(t) if t.contains(":s3:::") => LinkKind::Bucket,
                                    _ => LinkKind::Other,
                                };
                                let link = ctx.link_value(p, item, kind);
                                let name = match text {
                                    Some(t) if link.get().is_some_and(|l| l.target.is_none()) => Value::explicit(
                                        crate::model::services::destination_name(&t).to_string(),
                                        Some(p.span),
                                        Vec::new(),
                                    ),
                                    _ => Value::absent(),
                                };
                                (link, name)
                            })
                            .collect(),
                        Value::explicit(items.len(), Some(p.span), p.val.prov.clone()),
                    ),
                    _ => (Vec::new(), unknown_from(p)),
                },
            };
            s.waf_logging.push(WafLogging {
                id,
                acl: ctx.link(v, K::both("resource_arn", "ResourceArn"), LinkKind::Other),
                destinations,
                destinations_prop,
            });
        }
        _ => {}
    }
}

/// The CloudWatch Logs vended-log delivery chain.
pub fn delivery(m: &mut Model, ctx: &Ctx, id: ResourceId, v: &View) {
    let s = &mut m.services;
    match ctx.resource_type() {
        "aws_cloudwatch_log_delivery_source" | "AWS::Logs::DeliverySource" => s.delivery_sources.push(DeliverySource {
            id,
            resource: ctx.link(v, K::both("resource_arn", "ResourceArn"), LinkKind::Other),
            name: v.text(K::both("name", "Name")),
            log_type: v.text(K::both("log_type", "LogType")),
        }),
        "aws_cloudwatch_log_delivery" | "AWS::Logs::Delivery" => s.deliveries.push(Delivery {
            id,
            source: ctx.link(
                v,
                K::both("delivery_source_name", "DeliverySourceName"),
                LinkKind::Other,
            ),
            destination: ctx.link(
                v,
                K::both("delivery_destination_arn", "DeliveryDestinationArn"),
                LinkKind::Other,
            ),
        }),
        "aws_cloudwatch_log_delivery_destination" | "AWS::Logs::DeliveryDestination" => {
            let store = match v.lang() {
                Lang::Terraform => match v.first(K::tf("delivery_destination_configuration")) {
                    Err(p) => unknown_from(p),
                    Ok(None) => Value::absent(),
                    Ok(Some((_, c))) => {
                        let k = K::tf("destination_resource_arn");
                        ctx.link(&c, k, arn_kind(&c, k))
                    }
                },
                Lang::CloudFormation => {
                    let k = K::cfn("DestinationResourceArn");
                    ctx.link(v, k, arn_kind(v, k))
                }
            };
            s.delivery_destinations.push(DeliveryDestination { id, store });
        }
        _ => {}
    }
}
