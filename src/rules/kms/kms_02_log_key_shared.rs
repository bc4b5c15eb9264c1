//! KMS-02: log keys should not be shared.

use super::addresses;
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "KMS-02",
    policy_source: include_str!("../../../policies/KMS-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for k in cx
        .model
        .kms_keys
        .iter()
        .filter(|k| !k.log_uses.is_empty() && !k.other_uses.is_empty())
    {
        out.report(
            k.id,
            &crate::model::Value::<()>::absent().at("kms_key.other_uses"),
            format!(
                "KMS key {} encrypts logs ({}) and also {}: whoever may use it for those can decrypt the logs",
                cx.model.resource(k.id).address,
                addresses(cx, &k.log_uses),
                addresses(cx, &k.other_uses)
            ),
        );
    }
}
