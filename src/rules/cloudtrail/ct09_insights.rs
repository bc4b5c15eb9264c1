//! CT-09: CloudTrail Insights flags unusual API call rates and error rates.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-09",
    policy_source: include_str!("../../../policies/CT-09.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for t in &cx.model.trails {
        let name = &cx.model.resource(t.id).address;
        out.check(t.id, &t.insights, t.insights.is_false(), || {
            format!("CloudTrail trail {name} has no Insights selector, so unusual API activity is not flagged")
        });
    }
}
