//! S3-04: Object Lock on a log bucket needs a default retention rule.

use super::{name, sources};
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-04",
    policy_source: include_str!("../../../policies/S3-04.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx
        .model
        .buckets
        .iter()
        .filter(|b| b.is_log_bucket() && !b.is_access_log_target())
    {
        let fails = b.object_lock.is_true() && b.object_lock_retention.is_missing();
        out.check(b.id, &b.object_lock, "object_lock_retention", fails, || {
            format!(
                "log bucket {} has Object Lock but no default retention, so new log objects are not locked \
                 (and GOVERNANCE mode can be bypassed with s3:BypassGovernanceRetention); it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
        if !fails && out.is_strict() && b.object_lock.is_true() {
            out.check(b.id, &b.object_lock_retention, "object_lock_retention", false, || {
                format!("log bucket {} Object Lock default retention", name(cx, b))
            });
        }
    }
}
