//! S3-05: log buckets must be versioned.

use super::{name, sources};
use crate::finding::Sink;
use crate::model::vocab::{VersioningStatus, Vocabulary};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-05",
    policy_source: include_str!("../../../policies/S3-05.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in cx.model.buckets.iter().filter(|b| b.is_log_bucket()) {
        let v = &b.versioning;
        let fails = v.is_missing() || v.get().is_some_and(|s| *s != VersioningStatus::Enabled);
        out.check(b.id, v, fails, || {
            let state = v
                .get()
                .map(|s| format!("versioning {}", s.as_str()))
                .unwrap_or_else(|| "no versioning".into());
            format!(
                "log bucket {} has {state}, so overwritten or deleted logs cannot be recovered; it {}",
                name(cx, b),
                sources(cx, b)
            )
        });
    }
}
