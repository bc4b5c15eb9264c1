//! EB-01: an EventBridge rule that watches security events but sends them nowhere.

use super::is_security;
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "EB-01",
    policy_source: include_str!("../../../policies/EB-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for r in &cx.model.event_rules {
        if is_security(r) != Some(true) {
            continue;
        }
        let name = cx.model.display_name(r.id, &r.name);
        out.check(r.id, &r.targets, r.targets.get() == Some(&0), || {
            format!("EventBridge rule {name} matches security events but has no target: they are matched and dropped")
        });
    }
}
