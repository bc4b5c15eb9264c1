//! CW-02: security log groups should use a KMS key.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CW-02",
    policy_source: include_str!("../../../policies/CW-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for g in cx.model.log_groups.iter().filter(|g| !g.log_sources.is_empty()) {
        out.check(g.id, &g.kms_key, g.kms_key.is_missing(), || {
            format!(
                "security log group {} is not encrypted with a customer-managed KMS key; it {}",
                cx.model.display_name(g.id, &g.name),
                cx.model.describe_sources(&g.log_sources)
            )
        });
    }
}
