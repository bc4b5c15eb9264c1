//! S3-10: server access log targets cannot use SSE-KMS or default retention.

use super::{name, sources};
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-10",
    policy_source: include_str!("../../../policies/S3-10.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx.model.buckets.iter().filter(|b| b.is_access_log_target()) {
        let kms = b.sse_algorithm.get().is_some_and(|a| a.starts_with("aws:kms"));
        out.check(b.id, &b.sse_algorithm, "sse_algorithm", kms, || {
            format!(
                "bucket {} receives S3 server access logs but encrypts by default with SSE-KMS: S3 does not deliver server access logs to it, so they never arrive; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
        let retention = b.object_lock_retention.get().is_some();
        out.check(b.id, &b.object_lock_retention, "object_lock_retention", retention, || {
            format!(
                "bucket {} receives S3 server access logs but has an Object Lock default retention: S3 does not deliver server access logs to it, so they never arrive; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
    }
}
