//! CT-00 (account): no trail in the baseline is multi-region, logging, with management events.

use crate::finding::{Sink, Verdict};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-00",
    policy_source: include_str!("../../../policies/CT-00.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(anchor) = cx.account_anchor else { return };
    if cx.provided_elsewhere("cloudtrail") {
        return;
    }
    let trails = &cx.model.trails;
    if trails.iter().any(|t| t.is_baseline()) {
        return;
    }
    // A trail whose deciding values are unknown may well qualify.
    let undecided = trails.iter().any(|t| t.maybe_baseline());
    let message = || {
        if trails.is_empty() {
            "no CloudTrail trail in the scanned baseline".to_string()
        } else {
            format!(
                "none of the {} CloudTrail trail(s) in the scanned baseline is multi-region, logging and recording all management events",
                trails.len()
            )
        }
    };
    let verdict = match undecided {
        true => Verdict::unknown("a trail's multi-region, logging or management-event setting is not known"),
        false => Verdict::Fail,
    };
    out.verdict_account(anchor, "account.trails", verdict, message);
}
