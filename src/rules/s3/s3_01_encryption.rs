//! S3-01: log buckets must have a default encryption configuration.

use super::{name, sources};
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-01",
    policy_source: include_str!("../../../policies/S3-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx.model.buckets.iter().filter(|b| b.is_log_bucket()) {
        out.check(b.id, &b.sse_algorithm, b.sse_algorithm.is_missing(), || {
            format!(
                "log bucket {} has no server-side encryption configuration; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
    }
}
