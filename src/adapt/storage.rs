//! Log stores and keys: S3 buckets, CloudWatch log groups, KMS keys (the fields the
//! CloudTrail rules and links need; the log-storage rules extend these).

use super::{Ctx, K, LinkKind, View};
use crate::model::{Bucket, KmsKey, LogGroup, ResourceId};

pub fn bucket(id: ResourceId, v: &View) -> Bucket {
    Bucket {
        id,
        name: v.text(K("bucket", "BucketName")),
    }
}

pub fn log_group(ctx: &Ctx, id: ResourceId, v: &View) -> LogGroup {
    LogGroup {
        id,
        name: v.text(K("name", "LogGroupName")),
        retention_days: v.num(K("retention_in_days", "RetentionInDays"), None),
        kms_key: ctx.link(v, K("kms_key_id", "KmsKeyId"), LinkKind::Other),
    }
}

pub fn kms_key(id: ResourceId, v: &View) -> KmsKey {
    KmsKey {
        id,
        rotation: v.bool(K("enable_key_rotation", "EnableKeyRotation"), false),
    }
}
