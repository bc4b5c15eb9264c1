//! CT-07: a trail whose selectors drop (some) management events, with no other
//! multi-region trail recording them all.

use crate::finding::Sink;
use crate::model::ManagementEvents;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-07",
    policy_source: include_str!("../../../policies/CT-07.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let covered = cx
        .model
        .trails
        .iter()
        .any(|t| t.multi_region.is_true() && t.management_events.get() == Some(&ManagementEvents::All));
    if covered {
        return;
    }
    for t in &cx.model.trails {
        let name = &cx.model.resource(t.id).address;
        let v = &t.management_events;
        let what = match v.get() {
            Some(ManagementEvents::None) => "records no management events",
            Some(ManagementEvents::ReadOnly) => "records only read-only management events",
            Some(ManagementEvents::WriteOnly) => "records only write management events",
            _ => "",
        };
        out.check(t.id, v, "event_selector", !what.is_empty(), || {
            format!("CloudTrail trail {name} {what}, and no multi-region trail in the scan records all of them")
        });
    }
}
