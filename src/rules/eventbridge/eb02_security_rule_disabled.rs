//! EB-02: an EventBridge rule that watches security events is disabled.

use super::is_security;
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "EB-02",
    policy_source: include_str!("../../../policies/EB-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for r in &cx.model.event_rules {
        if is_security(r) != Some(true) {
            continue;
        }
        let name = cx.model.display_name(r.id, &r.name);
        out.check(r.id, &r.enabled, r.enabled.is_false(), || {
            format!("EventBridge rule {name} matches security events but is disabled")
        });
    }
}
