//! MON-15: CIS 4.15 (organizations changes) is monitored by a metric filter with a
//! notifying alarm on a multi-region trail's log group, or by an EventBridge rule.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "MON-15",
    policy_source: include_str!("../../../policies/MON-15.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    super::check_control("MON-15", cx, out);
}
