//! MON-10: CIS 4.10 (security group changes) is monitored by a metric filter with a
//! notifying alarm on a multi-region trail's log group, or by an EventBridge rule.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "MON-10",
    policy_source: include_str!("../../../policies/MON-10.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    super::check_control("MON-10", cx, out);
}
