//! S3-02: log buckets should use SSE-KMS (server access log targets are exempt).

use super::{name, sources};
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-02",
    policy_source: include_str!("../../../policies/S3-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx
        .model
        .buckets
        .iter()
        .filter(|b| b.is_log_bucket() && !b.is_access_log_target())
    {
        let sse_s3 = b.sse_algorithm.get().is_some_and(|a| a == "AES256");
        out.check(b.id, &b.sse_algorithm, "sse_algorithm", sse_s3, || {
            format!(
                "log bucket {} is encrypted with S3-managed keys (AES256), so anyone who can read the bucket can read the logs; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
    }
}
