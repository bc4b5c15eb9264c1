//! S3-10: server access log targets cannot use SSE-KMS or default retention; ALB access
//! log buckets cannot use default SSE-KMS (services.md §5.3).

use super::{name, sources};
use crate::finding::{Sink, Verdict};
use crate::model::services::{LbKind, LoadBalancer};
use crate::model::vocab::LbType;
use crate::model::{Bucket, LogSourceKind};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-10",
    policy_source: include_str!("../../../policies/S3-10.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx.model.buckets.iter().filter(|b| b.is_access_log_target()) {
        let kms = b.sse_algorithm.get().is_some_and(|a| a.is_kms());
        out.check(b.id, &b.sse_algorithm, kms, || {
            format!(
                "bucket {} receives S3 server access logs but encrypts by default with SSE-KMS: S3 does not deliver server access logs to it, so they never arrive; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
        let retention = b.object_lock_retention.get().is_some();
        out.check(b.id, &b.object_lock_retention, retention, || {
            format!(
                "bucket {} receives S3 server access logs but has an Object Lock default retention: S3 does not deliver server access logs to it, so they never arrive; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
    }
    // ALB access logs: "The only server-side encryption option that's supported is Amazon
    // S3-managed keys (SSE-S3)". Classic and Network Load Balancer buckets are not included.
    for b in cx.model.buckets.iter().filter(|b| !b.is_access_log_target()) {
        let Some(alb) = receives_alb_logs(cx, b) else { continue };
        let kms = b.sse_algorithm.get().is_some_and(|a| a.is_kms());
        let verdict = match (Verdict::of(kms, &b.sse_algorithm), alb) {
            (Verdict::Fail, Ok(true)) => Verdict::Fail,
            (Verdict::Fail, Err(why)) => Verdict::unknown(why),
            (Verdict::Unknown(why), Ok(true) | Err(_)) => Verdict::Unknown(why),
            _ => Verdict::Pass,
        };
        out.verdict(b.id, &b.sse_algorithm, verdict, || {
            format!(
                "Bucket {} receives ALB access logs but has default SSE-KMS encryption; ALB access logging supports only SSE-S3 (AES256) on the destination bucket. Use SSE-S3 for this bucket.",
                name(cx, b)
            )
        });
    }
}

/// Whether the bucket receives access logs from an Application Load Balancer: `None` when
/// it has no load balancer source, `Ok(false)` when none is an ALB, `Err(why)` when a load
/// balancer's type is not known.
fn receives_alb_logs(cx: &Context, b: &Bucket) -> Option<Result<bool, String>> {
    let mut seen = false;
    let mut unknown = None;
    for s in b.log_sources.iter().filter(|s| s.kind == LogSourceKind::LoadBalancer) {
        seen = true;
        let Some(lb) = s.from.and_then(|id| cx.model.get::<LoadBalancer>(id)) else {
            continue;
        };
        if lb.kind != LbKind::V2 {
            continue;
        }
        match lb.lb_type.get() {
            Some(LbType::Application) => return Some(Ok(true)),
            Some(_) => {}
            None => {
                unknown.get_or_insert_with(|| {
                    format!(
                        "the type of load balancer {} is not known ({})",
                        cx.model.resource(lb.id).address,
                        lb.lb_type.unresolved().unwrap_or("unresolved")
                    )
                });
            }
        }
    }
    seen.then(|| unknown.map_or(Ok(false), Err))
}
