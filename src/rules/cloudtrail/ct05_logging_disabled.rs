//! CT-05: a trail with logging turned off records nothing.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-05",
    policy_source: include_str!("../../../policies/CT-05.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for t in &cx.model.trails {
        let name = &cx.model.resource(t.id).address;
        out.check(t.id, &t.logging, t.logging.is_false(), || {
            format!("CloudTrail trail {name} has logging turned off and records nothing")
        });
    }
}
