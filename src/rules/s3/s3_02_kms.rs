//! S3-02: log buckets should use SSE-KMS (server access log and load balancer log targets are
//! exempt: those services deliver only to SSE-S3 buckets).

use super::{name, sources};
use crate::finding::Sink;
use crate::model::LogSourceKind;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-02",
    policy_source: include_str!("../../../policies/S3-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx.model.buckets.iter().filter(|b| {
        b.is_log_bucket()
            && !b.is_access_log_target()
            && !b.log_sources.iter().any(|s| s.kind == LogSourceKind::LoadBalancer)
            && !b.log_sources.iter().any(|s| s.kind.is_workload_log())
    }) {
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
