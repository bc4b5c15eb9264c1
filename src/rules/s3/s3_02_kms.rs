//! S3-02: log buckets should use SSE-KMS (server access log, ALB and Classic LB log targets are
//! exempt: those services deliver only to SSE-S3 buckets; so are buckets whose only sources
//! encrypt their own objects with a KMS key, services.md §5.3).

use super::{name, sources};
use crate::finding::{Sink, Verdict};
use crate::model::services::{LbKind, LoadBalancer};
use crate::model::vocab::{LbType, SseAlgorithm};
use crate::model::{DeliveryChannel, LogSource, LogSourceKind, Model, Trail};
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
            // ALB and Classic LB logs need SSE-S3; NLB logs accept SSE-KMS (services.md §5.3).
            && !b.log_sources.iter().any(|s| s.kind == LogSourceKind::LoadBalancer && !is_nlb(cx.model, s))
            // services.md §6: not confirmed that vended-log and WAF destinations accept SSE-KMS.
            && !b
                .log_sources
                .iter()
                .any(|s| matches!(s.kind, LogSourceKind::Vended | LogSourceKind::Waf))
            && !b.log_sources.iter().any(|s| s.kind.is_workload_log())
    }) {
        let sse_s3 = b.sse_algorithm.get() == Some(&SseAlgorithm::Aes256);
        let verdict = match Verdict::of(sse_s3, &b.sse_algorithm) {
            Verdict::Fail => match self_encrypting(cx.model, &b.log_sources) {
                Some(true) => Verdict::Pass,
                Some(false) => Verdict::Fail,
                None => Verdict::unknown("whether its sources encrypt with their own KMS key"),
            },
            v => v,
        };
        out.verdict(b.id, &b.sse_algorithm, verdict, || {
            format!(
                "log bucket {} is encrypted with S3-managed keys (AES256), so anyone who can read the bucket can read the logs; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
    }
}

/// Is the source a Network Load Balancer (known)? An unknown type counts as not an NLB, so
/// the bucket stays exempt (silent).
fn is_nlb(model: &Model, s: &LogSource) -> bool {
    s.from
        .and_then(|id| model.get::<LoadBalancer>(id))
        .is_some_and(|l| l.kind == LbKind::V2 && l.lb_type.get() == Some(&LbType::Network))
}

/// Do all of the bucket's sources write objects encrypted with their own KMS key (a trail
/// with `kms_key_id`, a Config delivery channel with `s3_kms_key_arn`)? Such objects are
/// SSE-KMS whatever the bucket default. `None` when a source's key is unknown.
fn self_encrypting(model: &Model, sources: &[LogSource]) -> Option<bool> {
    let mut all = true;
    let mut unknown = false;
    for s in sources {
        let key = match (s.kind, s.from) {
            (LogSourceKind::CloudTrail, Some(id)) => model.get::<Trail>(id).map(|t| &t.kms_key),
            (LogSourceKind::Config, Some(id)) => model.get::<DeliveryChannel>(id).map(|c| &c.kms_key),
            _ => None,
        };
        match key {
            Some(k) if k.get().is_some() => {}
            Some(k) if k.unresolved().is_some() => unknown = true,
            _ => all = false,
        }
    }
    if !all {
        Some(false)
    } else if unknown {
        None
    } else {
        Some(!sources.is_empty())
    }
}
