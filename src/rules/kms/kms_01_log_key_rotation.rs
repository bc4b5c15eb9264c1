//! KMS-01: keys that encrypt logs must rotate.

use super::addresses;
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "KMS-01",
    policy_source: include_str!("../../../policies/KMS-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for k in cx.model.kms_keys.iter().filter(|k| !k.log_uses.is_empty()) {
        out.check(k.id, &k.rotation, k.rotation.is_false(), || {
            format!(
                "KMS key {} encrypts logs ({}) but its rotation is off",
                cx.model.resource(k.id).address,
                addresses(cx, &k.log_uses)
            )
        });
    }
}
