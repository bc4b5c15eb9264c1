//! MON-01: CIS 4.1 (unauthorized api calls) is monitored by a metric filter with a
//! notifying alarm on a multi-region trail's log group, or by an EventBridge rule.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "MON-01",
    policy_source: include_str!("../../../policies/MON-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    super::check_control("MON-01", cx, out);
}
