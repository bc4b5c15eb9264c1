//! CT-08: no trail in the scan records S3 object-level data events.

use crate::finding::{Sink, Verdict};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-08",
    policy_source: include_str!("../../../policies/CT-08.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let trails = &cx.model.trails;
    if trails.iter().any(|t| t.s3_data_events.is_true()) {
        return;
    }
    // Unknown selectors on any trail might record them: stay quiet unless --strict.
    let unknown = trails
        .iter()
        .find_map(|t| t.s3_data_events.unresolved())
        .map(str::to_string);
    for t in trails.iter().filter(|t| t.multi_region.is_true()) {
        let name = &cx.model.resource(t.id).address;
        let message = || format!("no trail in the scan records S3 object-level data events; trail {name} could");
        let verdict = match &unknown {
            None => Verdict::Fail,
            Some(why) => Verdict::unknown(why.clone()),
        };
        out.verdict(t.id, &t.s3_data_events, "s3_data_events", verdict, message);
    }
}
