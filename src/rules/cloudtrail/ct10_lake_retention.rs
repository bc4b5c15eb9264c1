//! CT-10: CloudTrail Lake event data stores must keep events a year, be protected from
//! deletion and collect from every region.

use crate::finding::{Sink, Verdict};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-10",
    policy_source: include_str!("../../../policies/CT-10.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for s in &cx.model.event_data_stores {
        let name = &cx.model.resource(s.id).address;
        if let Some(days) = s.retention_days.get().copied().filter(|d| *d < 365.0) {
            out.report(
                s.id,
                &s.retention_days,
                format!("CloudTrail Lake event data store {name} keeps events only {days} days (at least 365 needed)"),
            );
        } else if s.termination_protection.is_false() {
            out.report(s.id, &s.termination_protection, format!(
                "CloudTrail Lake event data store {name} has termination protection off, so it can be deleted with its events"
            ));
        } else if s.multi_region.is_false() {
            out.report(
                s.id,
                &s.multi_region,
                format!("CloudTrail Lake event data store {name} collects events from one region only"),
            );
        } else {
            // Not known to fail: with --strict, say which value is not known.
            let checks = [
                (
                    s.retention_days.clone().map(|_| ()),
                    "may keep events less than 365 days",
                ),
                (
                    s.termination_protection.clone().map(|_| ()),
                    "may have termination protection off",
                ),
                (
                    s.multi_region.clone().map(|_| ()),
                    "may collect events from one region only",
                ),
            ];
            for (v, what) in checks {
                out.verdict(s.id, &v, Verdict::of(false, &v), || {
                    format!("CloudTrail Lake event data store {name} {what}")
                });
            }
        }
    }
}
