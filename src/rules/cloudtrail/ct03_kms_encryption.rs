//! CT-03: trail logs should be encrypted with a customer-managed KMS key.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-03",
    policy_source: include_str!("../../../policies/CT-03.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for t in &cx.model.trails {
        let name = &cx.model.resource(t.id).address;
        out.check(t.id, &t.kms_key, t.kms_key.is_missing(), || {
            format!("CloudTrail trail {name} has no customer-managed KMS key; its logs are readable by anyone who can read the bucket")
        });
    }
}
