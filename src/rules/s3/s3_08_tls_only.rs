//! S3-08: log buckets must deny non-TLS requests.

use super::{name, sources};
use crate::finding::Sink;
use crate::model::Value;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-08",
    policy_source: include_str!("../../../policies/S3-08.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx.model.buckets.iter().filter(|b| b.is_log_bucket()) {
        let mut decided = Some(false);
        for p in &b.policies {
            match p.get().and_then(|d| d.denies_insecure_transport()) {
                Some(true) => decided = Some(true),
                Some(false) => {}
                None if decided != Some(true) => decided = None,
                None => {}
            }
        }
        let at = b
            .policies
            .first()
            .cloned()
            .unwrap_or_else(|| Value::absent().at("bucket.policies"));
        let at = if decided.is_none() {
            b.policies.iter().find(|p| p.is_unknown()).cloned().unwrap_or(at)
        } else {
            at
        };
        out.check(b.id, &at, decided == Some(false), || {
            format!(
                "log bucket {} does not deny requests without TLS (aws:SecureTransport = false); it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
    }
}
