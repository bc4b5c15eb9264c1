//! CT-08: no trail in the scan records S3 object-level data events (with config
//! `data_events: all_buckets`: no multi-region trail records them for all buckets).

use crate::finding::{Sink, Verdict};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-08",
    policy_source: include_str!("../../../policies/CT-08.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    if cx.data_events_all_buckets {
        return all_buckets(cx, out);
    }
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
        out.verdict(t.id, &t.s3_data_events, verdict, message);
    }
}

/// `data_events: all_buckets` (services.md 5.3): a multi-region trail whose selector covers
/// all current and future buckets, as Security Hub S3.22/S3.23 and CIS ask.
fn all_buckets(cx: &Context, out: &mut Sink) {
    let trails = &cx.model.trails;
    if trails
        .iter()
        .any(|t| t.multi_region.is_true() && t.s3_all_buckets.is_true())
    {
        return;
    }
    let unknown = trails
        .iter()
        .filter(|t| !t.multi_region.is_false() && !t.s3_all_buckets.is_false())
        .find_map(|t| {
            let name = &cx.model.resource(t.id).address;
            match (t.multi_region.unresolved(), t.s3_all_buckets.unresolved()) {
                (Some(why), _) => Some(format!("whether trail {name} is multi-region is not known ({why})")),
                (_, Some(why)) => Some(format!(
                    "the data event selectors of trail {name} are not known ({why})"
                )),
                _ => None,
            }
        });
    for t in trails.iter().filter(|t| t.multi_region.is_true()) {
        let name = &cx.model.resource(t.id).address;
        let message = || {
            let some = if t.s3_data_events.is_true() {
                " (it records some buckets only)"
            } else {
                ""
            };
            format!(
                "no multi-region trail in the scan records the S3 object-level data events of all buckets (config data_events: all_buckets); trail {name} could{some}: add a data_resource {{ type = \"AWS::S3::Object\", values = [\"arn:aws:s3\"] }} (DataResources Type: AWS::S3::Object, Values: [arn:aws:s3]) or an advanced selector for AWS::S3::Object without a resources.ARN condition"
            )
        };
        let verdict = match &unknown {
            None => Verdict::Fail,
            Some(why) => Verdict::unknown(why.clone()),
        };
        out.verdict(t.id, &t.s3_all_buckets, verdict, message);
    }
}
