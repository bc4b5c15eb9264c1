//! S3-07: a trail bucket needs server access logging.

use super::{name, sources};
use crate::finding::Sink;
use crate::model::LogSourceKind;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-07",
    policy_source: include_str!("../../../policies/S3-07.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx.model.buckets.iter() {
        if !b.log_sources.iter().any(|s| s.kind == LogSourceKind::CloudTrail) {
            continue;
        }
        out.check(b.id, &b.access_log_target, b.access_log_target.is_missing(), || {
            format!(
                "CloudTrail bucket {} has no server access logging, so reads and deletions of the trail's logs leave no record; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
    }
}
