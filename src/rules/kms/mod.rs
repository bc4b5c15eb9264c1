//! KMS rules for keys that encrypt logs (KMS-01, KMS-02).

use crate::model::ResourceId;
use crate::rules::Context;

pub mod kms_01_log_key_rotation;
pub mod kms_02_log_key_shared;

/// `aws_cloudtrail.org, aws_cloudwatch_log_group.trail`.
fn addresses(cx: &Context, ids: &[ResourceId]) -> String {
    ids.iter()
        .map(|id| cx.model.resource(*id).address.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
