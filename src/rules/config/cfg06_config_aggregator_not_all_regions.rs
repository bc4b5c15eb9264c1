//! CFG-06: a Config aggregator that collects a fixed list of regions.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CFG-06",
    policy_source: include_str!("../../../policies/CFG-06.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for a in &cx.model.governance.aggregators {
        let res = &cx.model.resource(a.id).address;
        let message = || {
            format!(
                "Config aggregator {res} collects a fixed region list: set all_regions = true (Terraform) / AllAwsRegions: true (CloudFormation), so regions enabled later are aggregated too."
            )
        };
        // Sources written as one list share its span: one finding per place.
        let mut seen = Vec::new();
        for s in &a.sources {
            if s.all_regions.is_false() && seen.contains(&s.all_regions.span) {
                continue;
            }
            seen.push(s.all_regions.span);
            out.check(a.id, &s.all_regions, s.all_regions.is_false(), message);
        }
        if a.sources_unknown.is_unknown() {
            out.check(a.id, &a.sources_unknown, false, message);
        }
    }
}
