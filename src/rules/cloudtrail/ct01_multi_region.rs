//! CT-01: a trail that records only its home region misses activity everywhere else.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-01",
    policy_source: include_str!("../../../policies/CT-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for t in &cx.model.trails {
        let name = &cx.model.resource(t.id).address;
        out.check(
            t.id,
            &t.multi_region,
            "is_multi_region_trail",
            t.multi_region.is_false(),
            || format!("CloudTrail trail {name} records only its home region"),
        );
    }
}
