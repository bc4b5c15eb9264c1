//! Log groups and the resources that send logs somewhere: flow logs, Config delivery
//! channels, load balancers and CloudFront distributions.

use super::{Ctx, K, LinkKind, View};
use crate::frontend::Lang;
use crate::model::vocab::{self, FlowLogDestination};
use crate::model::{AccessLogSender, DeliveryChannel, FlowLog, LogGroup, LogSourceKind, ResourceId, Value};

pub fn log_group(ctx: &Ctx, id: ResourceId, v: &View) -> LogGroup {
    LogGroup {
        id,
        name: v.text(K::both("name", "LogGroupName")),
        retention_days: v.num(K::both("retention_in_days", "RetentionInDays"), None),
        kms_key: ctx.link(v, K::both("kms_key_id", "KmsKeyId"), LinkKind::Key),
        // Terraform: gated on the provider version by the model builder (`super::build_with`).
        deletion_protection: v.bool(
            K::both("deletion_protection_enabled", "DeletionProtectionEnabled"),
            false,
        ),
        log_sources: Vec::new(),
    }
}

pub fn flow_log(ctx: &Ctx, id: ResourceId, v: &View) -> FlowLog {
    let (target, target_kind) = match v.lang() {
        Lang::Terraform => {
            let kinds = [
                ("vpc_id", "VPC"),
                ("subnet_id", "Subnet"),
                ("eni_id", "NetworkInterface"),
                ("transit_gateway_id", "TransitGateway"),
                ("transit_gateway_attachment_id", "TransitGatewayAttachment"),
            ];
            kinds
                .iter()
                .find(|(k, _)| v.prop(K::tf(k)).is_some())
                .map(|(k, kind)| (ctx.link(v, K::tf(k), LinkKind::Other), Some(kind.to_string())))
                .unwrap_or((Value::absent(), None))
        }
        Lang::CloudFormation => (
            ctx.link(v, K::cfn("ResourceId"), LinkKind::Other),
            v.text(K::cfn("ResourceType")).get().cloned(),
        ),
    };
    let destination_type = v
        .text(K::both("log_destination_type", "LogDestinationType"))
        .map(vocab::parse);
    let destination_type = if destination_type.is_absent() {
        Value::default(FlowLogDestination::CloudWatchLogs)
    } else {
        destination_type
    };
    let kind = match destination_type.get() {
        Some(FlowLogDestination::S3) => LinkKind::Bucket,
        Some(FlowLogDestination::CloudWatchLogs) => LinkKind::LogGroup,
        _ => LinkKind::Other,
    };
    let mut destination = ctx.link(v, K::both("log_destination", "LogDestination"), kind);
    // S3 deliveries go under `<ARN path>/AWSLogs/`: known for a plain reference to the
    // bucket (no path) or a literal ARN.
    let destination_prefix = v
        .prop(K::both("log_destination", "LogDestination"))
        .and_then(|p| match &p.val.v {
            crate::frontend::V::Ref(_) => Some("AWSLogs/".to_string()),
            _ => p.val.as_text().map(|arn| {
                let path = arn.rsplit(":::").next().unwrap_or(&arn);
                match path.split_once('/') {
                    Some((_, path)) if !path.trim_matches('/').is_empty() => {
                        format!("{}/AWSLogs/", path.trim_matches('/'))
                    }
                    _ => "AWSLogs/".to_string(),
                }
            }),
        });
    if destination.is_absent() {
        destination = ctx.link(v, K::both("log_group_name", "LogGroupName"), LinkKind::LogGroup);
    }
    FlowLog {
        id,
        target,
        target_kind,
        destination_type,
        destination,
        traffic_type: v
            .text(K::both("traffic_type", "TrafficType"))
            .map(vocab::Spelled::parse),
        destination_prefix,
    }
}

pub fn delivery_channel(ctx: &Ctx, id: ResourceId, v: &View) -> DeliveryChannel {
    DeliveryChannel {
        id,
        bucket: ctx.link(v, K::both("s3_bucket_name", "S3BucketName"), LinkKind::Bucket),
        kms_key: ctx.link(v, K::both("s3_kms_key_arn", "S3KmsKeyArn"), LinkKind::Key),
        s3_key_prefix: v.text(K::both("s3_key_prefix", "S3KeyPrefix")),
    }
}

/// Load balancers and CloudFront distributions that deliver access logs to a bucket.
/// Only senders whose logging is known to be on count.
pub fn access_log_sender(ctx: &Ctx, id: ResourceId, resource_type: &str, v: &View) -> Option<AccessLogSender> {
    let (kind, bucket, key_prefix) = match resource_type {
        // `access_logs { bucket, enabled }`: enabled defaults to false for aws_lb, true for aws_elb.
        "aws_lb" | "aws_alb" | "aws_elb" => {
            let (_, logs) = v.first(K::tf("access_logs")).ok()??;
            let enabled = logs.bool(K::tf("enabled"), resource_type == "aws_elb");
            if !enabled.is_true() {
                return None;
            }
            (
                LogSourceKind::LoadBalancer,
                ctx.link(&logs, K::tf("bucket"), LinkKind::Bucket),
                aws_logs_prefix(&logs.text(K::tf("prefix"))),
            )
        }
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => {
            let (_, attrs) = v.items(K::cfn("LoadBalancerAttributes")).ok()??;
            let value = |key: &str| {
                attrs
                    .iter()
                    .find(|a| a.text(K::cfn("Key")).get().is_some_and(|k| k == key))
                    .copied()
            };
            let enabled = value("access_logs.s3.enabled")?.bool(K::cfn("Value"), false);
            if !enabled.is_true() {
                return None;
            }
            let prefix = match value("access_logs.s3.prefix") {
                Some(p) => p.text(K::cfn("Value")),
                None => Value::absent(),
            };
            (
                LogSourceKind::LoadBalancer,
                ctx.link(&value("access_logs.s3.bucket")?, K::cfn("Value"), LinkKind::Bucket),
                aws_logs_prefix(&prefix),
            )
        }
        "AWS::ElasticLoadBalancing::LoadBalancer" => {
            let (_, policy) = v.first(K::cfn("AccessLoggingPolicy")).ok()??;
            if !policy.bool(K::cfn("Enabled"), false).is_true() {
                return None;
            }
            (
                LogSourceKind::LoadBalancer,
                ctx.link(&policy, K::cfn("S3BucketName"), LinkKind::Bucket),
                aws_logs_prefix(&policy.text(K::cfn("S3BucketPrefix"))),
            )
        }
        "aws_cloudfront_distribution" => {
            let (_, logging) = v.first(K::tf("logging_config")).ok()??;
            (
                LogSourceKind::CloudFront,
                ctx.link(&logging, K::tf("bucket"), LinkKind::Bucket),
                raw_prefix(&logging.text(K::tf("prefix"))),
            )
        }
        "AWS::CloudFront::Distribution" => {
            let (_, config) = v.first(K::cfn("DistributionConfig")).ok()??;
            let (_, logging) = config.first(K::cfn("Logging")).ok()??;
            (
                LogSourceKind::CloudFront,
                ctx.link(&logging, K::cfn("Bucket"), LinkKind::Bucket),
                raw_prefix(&logging.text(K::cfn("Prefix"))),
            )
        }
        _ => return None,
    };
    Some(AccessLogSender {
        id,
        kind,
        bucket,
        key_prefix,
    })
}

/// `<prefix>/AWSLogs/` (`AWSLogs/` without a prefix), the key range AWS services that
/// write under `AWSLogs/` use; `None` when the prefix is unknown.
pub fn aws_logs_prefix(prefix: &Value<String>) -> Option<String> {
    if prefix.is_unknown() {
        return None;
    }
    let p = prefix.get().map(|p| p.trim_matches('/')).unwrap_or_default();
    Some(if p.is_empty() {
        "AWSLogs/".to_string()
    } else {
        format!("{p}/AWSLogs/")
    })
}

/// A prefix used as written (empty when absent); `None` when unknown.
pub fn raw_prefix(prefix: &Value<String>) -> Option<String> {
    if prefix.is_unknown() {
        return None;
    }
    Some(prefix.get().cloned().unwrap_or_default())
}
