//! CT-06: global service events (IAM, STS, CloudFront) must be included.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-06",
    policy_source: include_str!("../../../policies/CT-06.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for t in &cx.model.trails {
        let name = &cx.model.resource(t.id).address;
        let v = &t.global_service_events;
        out.check(t.id, v, v.is_false(), || {
            format!("CloudTrail trail {name} excludes global service events (IAM, STS, CloudFront)")
        });
    }
}
