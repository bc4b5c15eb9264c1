//! MON-08: CIS 4.8 (s3 bucket policy changes) is monitored by a metric filter with a
//! notifying alarm on a multi-region trail's log group, or by an EventBridge rule.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "MON-08",
    policy_source: include_str!("../../../policies/MON-08.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    super::check_control("MON-08", cx, out);
}
