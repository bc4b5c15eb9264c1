//! S3-04: Object Lock on a log bucket needs a default retention rule.

use super::{name, sources};
use crate::finding::{Sink, Verdict};
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
        out.check(b.id, &b.object_lock, fails, || {
            format!(
                "log bucket {} has Object Lock but no default retention, so new log objects are not locked \
                 (and GOVERNANCE mode can be bypassed with s3:BypassGovernanceRetention); it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
        if !fails && b.object_lock.is_true() {
            let verdict = Verdict::of(false, &b.object_lock_retention);
            out.verdict(b.id, &b.object_lock_retention, verdict, || {
                format!(
                    "log bucket {} has Object Lock but may have no default retention; it {}",
                    name(cx, b),
                    sources(cx, b)
                )
            });
        }
    }
}
