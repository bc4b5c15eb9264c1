//! MON-19: an SNS topic that receives security alarms or security events but that nobody
//! subscribes to (account scope: subscriptions may live anywhere in the scan).

use std::collections::BTreeSet;

use super::{Same, alarms_on, on_security_group};
use crate::finding::{Sink, Verdict};
use crate::model::{Link, ResourceId, Value};
use crate::rules::eventbridge::is_security;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "MON-19",
    policy_source: include_str!("../../../policies/MON-19.toml"),
    check,
};

fn points_at<T>(links: &[Value<Link<T>>], topic: ResourceId) -> bool {
    links.iter().any(|l| l.get().and_then(|l| l.target) == Some(topic))
}

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    // MON-16's set: alarms on the metric of a security log group's metric filter.
    let mut security_alarms = BTreeSet::new();
    for f in model.metric_filters.iter().filter(|f| on_security_group(model, f)) {
        for m in 0..f.metrics.len() {
            security_alarms.extend(
                alarms_on(model, f, m)
                    .filter(|(_, s)| *s == Same::Yes)
                    .map(|(a, _)| a.id),
            );
        }
    }
    for t in &model.governance.topics {
        let mut senders: Vec<String> = model
            .alarms
            .iter()
            .filter(|a| security_alarms.contains(&a.id) && points_at(&a.action_targets, t.id))
            .map(|a| format!("alarm {}", model.resource(a.id).address))
            .collect();
        senders.extend(
            model
                .event_rules
                .iter()
                .filter(|r| is_security(r) == Some(true) && points_at(&r.target_arns, t.id))
                .map(|r| format!("EventBridge rule {}", model.resource(r.id).address)),
        );
        if senders.is_empty() {
            continue;
        }
        let res = &model.resource(t.id).address;
        // Anchor: the topic itself.
        let mut at = t.subscriptions.clone();
        at.span = None;
        let verdict = Verdict::of(t.subscriptions.get() == Some(&0), &t.subscriptions);
        out.verdict(t.id, &at, verdict, || {
            format!(
                "SNS topic {res} receives security alarms ({}) but has no subscription: nobody is notified. Add aws_sns_topic_subscription {{ topic_arn, protocol, endpoint }} (Terraform) / AWS::SNS::Subscription (CloudFormation).",
                senders.join(", ")
            )
        });
    }
}
