//! CT-11: a CloudTrail Lake event data store encrypted with an AWS owned key.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-11",
    policy_source: include_str!("../../../policies/CT-11.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for s in &cx.model.event_data_stores {
        let res = &cx.model.resource(s.id).address;
        out.check(s.id, &s.kms_key, s.kms_key.is_missing(), || {
            format!(
                "CloudTrail Lake event data store {res} is not encrypted with a customer managed KMS key: set kms_key_id (Terraform) / KmsKeyId (CloudFormation) to a customer managed key whose key policy allows cloudtrail.amazonaws.com to use it."
            )
        });
    }
}
