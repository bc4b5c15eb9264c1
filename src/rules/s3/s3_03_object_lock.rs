//! S3-03: log buckets need Object Lock (server access log targets are exempt).

use super::{name, sources};
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-03",
    policy_source: include_str!("../../../policies/S3-03.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx
        .model
        .buckets
        .iter()
        .filter(|b| b.is_log_bucket() && !b.is_access_log_target())
    {
        out.check(b.id, &b.object_lock, b.object_lock.is_false(), || {
            format!(
                "log bucket {} has no Object Lock, so logs can be deleted or overwritten; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
    }
}
