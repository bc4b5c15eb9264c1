//! Monitoring resources: metric filters, alarms, EventBridge rules and targets, VPCs and
//! subnets, AWS Config recorders, recorder status, Config rules and conformance packs.

use super::{Ctx, K, LinkKind, View};
use crate::frontend::{EVal, Lang, V};
use crate::model::vocab::{self, RecordingStrategy};
use crate::model::{
    Alarm, ConfigRecorder, EventRule, Link, MetricFilter, MetricTransformation, ResourceId, Subnet, Value, Vpc,
};
use crate::patterns::{EventPattern, FilterPattern};

pub fn metric_filter(ctx: &Ctx, id: ResourceId, v: &View) -> MetricFilter {
    let pattern = v.text(K::both("pattern", "FilterPattern"));
    let parsed = pattern.get().map(|p| FilterPattern::parse(p));
    let (metrics, metrics_prop) = match v.items(K::both("metric_transformation", "MetricTransformations")) {
        Ok(None) => (Vec::new(), Value::absent()),
        Ok(Some((p, items))) => (
            items
                .iter()
                .map(|m| MetricTransformation {
                    name: m.text(K::both("name", "MetricName")),
                    namespace: m.text(K::both("namespace", "MetricNamespace")),
                })
                .collect(),
            Value::explicit((), Some(p.span), p.val.prov.clone()),
        ),
        Err(p) => (
            Vec::new(),
            Value::unknown("metric transformations", Some(p.span), p.val.prov.clone()),
        ),
    };
    MetricFilter {
        id,
        name: v.text(K::both("name", "FilterName")),
        log_group: ctx.link(v, K::both("log_group_name", "LogGroupName"), LinkKind::LogGroup),
        pattern,
        parsed,
        metrics,
        metrics_prop,
    }
}

/// The resource and attribute an attribute refers to directly (`x.metric_transformation`).
fn direct_ref(ctx: &Ctx, v: &View, k: K) -> Option<(ResourceId, String)> {
    let p = v.prop(k)?;
    match &p.val.v {
        V::Ref(r) => ctx.unit.get(&r.address).map(|&id| (id, r.attr.clone())),
        _ => None,
    }
}

pub fn alarm(ctx: &Ctx, id: ResourceId, v: &View) -> Alarm {
    let actions = match v.prop(K::both("alarm_actions", "AlarmActions")) {
        None => Value::default(0),
        Some(p) => match &p.val.v {
            V::List(items) => Value::explicit(items.len(), Some(p.span), p.val.prov.clone()),
            V::Str(s) if s.is_empty() => Value::explicit(0, Some(p.span), p.val.prov.clone()),
            V::Str(_) => Value::explicit(1, Some(p.span), p.val.prov.clone()),
            _ => Value::unknown(
                p.val.unknown_why().unwrap_or("alarm actions").to_string(),
                Some(p.span),
                p.val.prov.clone(),
            ),
        },
    };
    Alarm {
        id,
        metric_name: v.text(K::both("metric_name", "MetricName")),
        namespace: v.text(K::both("namespace", "Namespace")),
        metric_name_ref: direct_ref(ctx, v, K::both("metric_name", "MetricName")),
        namespace_ref: direct_ref(ctx, v, K::both("namespace", "Namespace")),
        actions,
        actions_enabled: v.bool(K::both("actions_enabled", "ActionsEnabled"), true),
        action_targets: ctx.link_items(v, K::both("alarm_actions", "AlarmActions"), LinkKind::Other),
    }
}

/// A plain JSON value from an evaluated value; `None` when any part is unknown.
pub fn to_json(v: &EVal) -> Option<serde_json::Value> {
    crate::frontend::to_json(v)
}

pub fn event_rule(ctx: &Ctx, id: ResourceId, v: &View) -> EventRule {
    let k = K::both("event_pattern", "EventPattern");
    let (pattern, parsed) = match v.prop(k) {
        None => (Value::absent(), None),
        Some(p) => {
            let span = Some(p.span);
            let prov = p.val.prov.clone();
            match &p.val.v {
                V::Str(text) => match serde_json::from_str::<serde_json::Value>(text) {
                    Ok(json) => {
                        let parsed = EventPattern::parse(&json);
                        (Value::explicit(json, span, prov), Some(parsed))
                    }
                    Err(_) => {
                        let parsed = EventPattern::parse_str(text);
                        (Value::unknown("event pattern is not JSON", span, prov), Some(parsed))
                    }
                },
                _ => match to_json(&p.val) {
                    Some(json) => {
                        let parsed = EventPattern::parse(&json);
                        (Value::explicit(json, span, prov), Some(parsed))
                    }
                    None => (
                        Value::unknown(p.val.unknown_why().unwrap_or("event pattern").to_string(), span, prov),
                        None,
                    ),
                },
            }
        }
    };
    // `state` (ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS) supersedes
    // the provider's deprecated `is_enabled` (default true).
    let state = v.text(K::both("state", "State"));
    let enabled = if state.is_absent() {
        match v.lang() {
            Lang::Terraform => v.bool(K::tf("is_enabled"), true),
            Lang::CloudFormation => Value::default(true),
        }
    } else {
        state.map(|s| !s.eq_ignore_ascii_case("DISABLED"))
    };
    let targets = match v.lang() {
        Lang::Terraform => Value::default(0),
        Lang::CloudFormation => match v.prop(K::cfn("Targets")) {
            None => Value::default(0),
            Some(p) => match &p.val.v {
                V::List(items) => Value::explicit(items.len(), Some(p.span), p.val.prov.clone()),
                _ => Value::unknown("Targets", Some(p.span), p.val.prov.clone()),
            },
        },
    };
    // CloudFormation targets are inline; Terraform's are linked by the link pass.
    let target_arns = match v.items(K::cfn("Targets")) {
        Ok(Some((_, items))) => items
            .iter()
            .map(|t| ctx.link(t, K::cfn("Arn"), LinkKind::Other))
            .collect(),
        Ok(None) => Vec::new(),
        Err(p) => vec![Value::unknown("Targets", Some(p.span), p.val.prov.clone())],
    };
    EventRule {
        id,
        name: v.text(K::both("name", "Name")),
        event_bus: {
            let bus = v.text(K::both("event_bus_name", "EventBusName"));
            if bus.is_absent() {
                Value::default("default".to_string())
            } else {
                bus
            }
        },
        pattern,
        parsed,
        enabled,
        targets,
        target_arns,
    }
}

/// `aws_cloudwatch_event_target`: the rule it attaches to (`rule`) and where it sends
/// events (`arn`).
pub fn event_target(ctx: &Ctx, v: &View) -> (Value<Link<EventRule>>, Value<Link>) {
    (
        ctx.link(v, K::tf("rule"), LinkKind::Other),
        ctx.link(v, K::tf("arn"), LinkKind::Other),
    )
}

pub fn vpc(id: ResourceId, resource_type: &str) -> Vpc {
    Vpc {
        id,
        default_vpc: resource_type == "aws_default_vpc",
        flow_logs: Vec::new(),
        subnets: Vec::new(),
        unknown_flow_logs: Vec::new(),
    }
}

pub fn subnet(ctx: &Ctx, id: ResourceId, v: &View) -> Subnet {
    Subnet {
        id,
        vpc: ctx.link(v, K::both("vpc_id", "VpcId"), LinkKind::Other),
        flow_logs: Vec::new(),
    }
}

pub fn config_recorder(ctx: &Ctx, id: ResourceId, v: &View) -> ConfigRecorder {
    let name = match v.lang() {
        // The provider's default recorder name.
        Lang::Terraform => {
            let n = v.text(K::tf("name"));
            if n.is_absent() {
                Value::default("default".to_string())
            } else {
                n
            }
        }
        Lang::CloudFormation => v.text(K::cfn("Name")),
    };
    let mut out = ConfigRecorder {
        id,
        name,
        all_supported: Value::default(true),
        include_global: Value::default(false),
        strategy: Value::absent(),
        exclusions: Vec::new(),
        // CloudFormation starts the recorder itself; Terraform needs a status resource.
        started: match v.lang() {
            Lang::Terraform => Value::default(false),
            Lang::CloudFormation => Value::default(true),
        },
        role: ctx.link(v, K::both("role_arn", "RoleARN"), LinkKind::Other),
    };
    let (group_prop, group) = match v.first(K::both("recording_group", "RecordingGroup")) {
        Ok(None) => return out,
        Ok(Some(found)) => found,
        Err(p) => {
            let why = p.val.unknown_why().unwrap_or("recording group").to_string();
            out.all_supported = Value::unknown(why.clone(), Some(p.span), p.val.prov.clone());
            out.include_global = Value::unknown(why, Some(p.span), p.val.prov.clone());
            return out;
        }
    };
    let strategy = match group.first(K::both("recording_strategy", "RecordingStrategy")) {
        Ok(Some((_, s))) => s.text(K::both("use_only", "UseOnly")).map(vocab::parse),
        Ok(None) => Value::absent(),
        Err(p) => Value::unknown("recording strategy", Some(p.span), p.val.prov.clone()),
    };
    let types = group
        .strings(K::both("resource_types", "ResourceTypes"))
        .unwrap_or_default();
    // Without `all_supported`, the provider sends true; CloudFormation (the API) records all
    // supported types only when no resource types or other strategy are given.
    let default_all = match v.lang() {
        Lang::Terraform => true,
        Lang::CloudFormation => {
            types.is_empty()
                && strategy
                    .get()
                    .is_none_or(|s| *s == RecordingStrategy::AllSupportedResourceTypes)
                && !strategy.is_unknown()
        }
    };
    out.all_supported = group.bool(K::both("all_supported", "AllSupported"), default_all);
    out.include_global = group.bool(
        K::both("include_global_resource_types", "IncludeGlobalResourceTypes"),
        false,
    );
    // Defaults decided by a written recording group point at it.
    for v in [&mut out.all_supported, &mut out.include_global] {
        if v.span.is_none() {
            v.span = Some(group_prop.span);
        }
    }
    if let Ok(Some((_, ex))) = group.first(K::both("exclusion_by_resource_types", "ExclusionByResourceTypes")) {
        out.exclusions = ex
            .strings(K::both("resource_types", "ResourceTypes"))
            .unwrap_or_default();
    }
    out.strategy = strategy;
    out
}

/// `aws_config_configuration_recorder_status`: (recorder link by name, is_enabled).
pub fn recorder_status(ctx: &Ctx, v: &View) -> (Value<Link<ConfigRecorder>>, Value<bool>) {
    (
        ctx.link(v, K::tf("name"), LinkKind::Other),
        v.bool(K::tf("is_enabled"), false),
    )
}
