//! CT-07: a trail whose selectors drop (some) management events, with no other
//! multi-region trail recording them all.

use crate::finding::{Sink, Verdict};
use crate::model::ManagementEvents;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-07",
    policy_source: include_str!("../../../policies/CT-07.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    // A trail that excludes event sources does not record them all (services.md 5.3).
    let covered = cx
        .model
        .trails
        .iter()
        .any(|t| t.multi_region.is_true() && t.records_all_management() == Some(true));
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
        if !what.is_empty() || v.is_unknown() {
            out.check(t.id, v, !what.is_empty(), || {
                format!("CloudTrail trail {name} {what}, and no multi-region trail in the scan records all of them")
            });
            continue;
        }
        // All read and write management events, but maybe not from every source.
        let excluded = &t.excluded_sources;
        let verdict = match (excluded.get(), excluded.unresolved()) {
            (Some(e), _) if !e.is_empty() => Verdict::Fail,
            (_, Some(why)) => Verdict::unknown(why),
            _ => Verdict::Pass,
        };
        out.verdict(t.id, excluded, verdict, || {
            let sources = excluded.get().map(|e| e.join(", ")).unwrap_or_default();
            format!(
                "CloudTrail trail {name} excludes the management events of {sources}, and no multi-region trail in the scan records all of them"
            )
        });
    }
}
