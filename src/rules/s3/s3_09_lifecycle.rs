//! S3-09: log buckets should have a lifecycle configuration.

use super::{name, sources};
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-09",
    policy_source: include_str!("../../../policies/S3-09.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx.model.buckets.iter().filter(|b| b.is_log_bucket()) {
        out.check(b.id, &b.lifecycle, b.lifecycle.is_false(), || {
            format!(
                "log bucket {} has no lifecycle configuration: no decision on how long logs are kept; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
    }
}
