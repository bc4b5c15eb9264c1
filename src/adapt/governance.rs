//! Adapters and links of `model::governance`: Config aggregators, IAM roles, SNS topics
//! and subscriptions (services.md 4.12, 4.16, 4.18; §1 "SNS subscription -> topic").

use super::{Ctx, K, LinkKind, Scopes, View};
use crate::model::governance::*;
use crate::model::{Link, Model, ResourceId, Value};

/// `aws_config_configuration_aggregator` / `AWS::Config::ConfigurationAggregator`.
pub fn aggregator(id: ResourceId, v: &View) -> ConfigAggregator {
    let mut out = ConfigAggregator {
        id,
        sources: Vec::new(),
        sources_unknown: Value::absent(),
    };
    for (k, kind) in [
        (
            K::both("account_aggregation_source", "AccountAggregationSources"),
            SourceKind::Account,
        ),
        (
            K::both("organization_aggregation_source", "OrganizationAggregationSource"),
            SourceKind::Organization,
        ),
    ] {
        match v.items(k) {
            Ok(None) => {}
            Ok(Some((p, items))) => {
                for item in items {
                    let mut all_regions = item.bool(K::both("all_regions", "AllAwsRegions"), false);
                    // Not written: the finding points at the source block.
                    if all_regions.span.is_none() {
                        all_regions.span = Some(p.span);
                    }
                    out.sources.push(AggregationSource { kind, all_regions });
                }
            }
            Err(p) => {
                out.sources_unknown = Value::unknown(
                    p.val.unknown_why().unwrap_or("aggregation sources").to_string(),
                    Some(p.span),
                    p.val.prov.clone(),
                )
            }
        }
    }
    out
}

/// `aws_iam_role`, `aws_iam_service_linked_role`, `AWS::IAM::Role`, `AWS::IAM::ServiceLinkedRole`.
pub fn role(cx: &Ctx, id: ResourceId, v: &View) -> Role {
    let kind = match cx.resource_type() {
        "aws_iam_service_linked_role" | "AWS::IAM::ServiceLinkedRole" => {
            RoleKind::ServiceLinked(v.text(K::both("aws_service_name", "AWSServiceName")))
        }
        _ => RoleKind::Custom,
    };
    Role { id, kind }
}

/// `aws_sns_topic` / `AWS::SNS::Topic` with its inline subscriptions (CloudFormation).
pub fn topic(id: ResourceId, v: &View) -> SnsTopic {
    let subscriptions = match v.items(K::cfn("Subscription")) {
        Ok(None) => Value::default(0),
        Ok(Some((p, items))) => Value::explicit(items.len(), Some(p.span), p.val.prov.clone()),
        Err(p) => Value::unknown(
            p.val.unknown_why().unwrap_or("Subscription").to_string(),
            Some(p.span),
            p.val.prov.clone(),
        ),
    };
    SnsTopic {
        id,
        name: v.text(K::both("name", "TopicName")),
        subscriptions,
    }
}

/// `aws_sns_topic_subscription` / `AWS::SNS::Subscription`.
pub fn subscription(cx: &Ctx, id: ResourceId, v: &View) -> SnsSubscription {
    SnsSubscription {
        id,
        topic: cx.link(v, K::both("topic_arn", "TopicArn"), LinkKind::Other),
    }
}

/// The in-scope topic a literal SNS topic ARN designates: the one whose written name is
/// the ARN's last part (`arn:aws:sns:REGION:ACCOUNT:NAME`), closest to `from`.
fn topic_by_arn<T>(topics: &[SnsTopic], scopes: &Scopes, from: ResourceId, link: &Link<T>) -> Option<ResourceId> {
    let lit = link.literal.as_deref()?;
    if !(lit.starts_with("arn:") && lit.contains(":sns:")) {
        return None;
    }
    let name = lit.rsplit(':').next()?;
    let candidates: Vec<ResourceId> = topics
        .iter()
        .filter(|t| t.name.get().is_some_and(|n| n == name))
        .map(|t| t.id)
        .collect();
    scopes.pick(from, &candidates)
}

/// Links literal topic ARNs (subscriptions, alarm actions, event targets) to in-scope
/// topics, and counts each topic's subscriptions. A subscription whose topic is unknown
/// may be any topic's: every topic's count becomes unknown (services.md 4.16).
pub fn resolve(model: &mut Model, scopes: &Scopes) {
    let topics = std::mem::take(&mut model.governance.topics);
    fn link<T>(topics: &[SnsTopic], scopes: &Scopes, v: &mut Value<Link<T>>, from: ResourceId) {
        if let Some(l) = v.get()
            && l.target.is_none()
            && let Some(t) = topic_by_arn(topics, scopes, from, l)
        {
            let l = l.clone();
            *v = v.clone().map(|_| Link::new(Some(t), l.literal, l.name));
        }
    }
    for s in &mut model.governance.subscriptions {
        link(&topics, scopes, &mut s.topic, s.id);
    }
    for a in &mut model.alarms {
        for t in &mut a.action_targets {
            link(&topics, scopes, t, a.id);
        }
    }
    for r in &mut model.event_rules {
        for t in &mut r.target_arns {
            link(&topics, scopes, t, r.id);
        }
    }
    model.governance.topics = topics;
    // Subscriptions linked to each topic, by `Id<SnsTopic>`.
    let mut counts = vec![0; model.governance.topics.len()];
    for s in &model.governance.subscriptions {
        if let Some(t) = s.topic.get().and_then(|l| model.target(l)) {
            counts[t.index()] += 1;
        }
    }
    let unknown = model.governance.subscriptions.iter().find(|s| s.topic.is_unknown());
    for (t, linked) in model.governance.topics.iter_mut().zip(counts) {
        if let Some(n) = t.subscriptions.get().copied() {
            t.subscriptions = Value::explicit(n + linked, t.subscriptions.span, t.subscriptions.provenance.clone());
            if n + linked == 0
                && let Some(s) = unknown
            {
                t.subscriptions = Value::unknown(
                    format!(
                        "the topic of {} ({})",
                        model.resources[s.id.0].address,
                        s.topic.unresolved().unwrap_or("unknown")
                    ),
                    s.topic.span,
                    s.topic.provenance.clone(),
                );
            }
        }
    }
}
