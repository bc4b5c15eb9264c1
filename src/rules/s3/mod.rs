//! Log bucket rules (S3-02 .. S3-11; S3-01 is retired): only buckets that receive logs.

use crate::model::Bucket;
use crate::rules::Context;

pub mod s3_01_encryption;
pub mod s3_02_kms;
pub mod s3_03_object_lock;
pub mod s3_04_object_lock_retention;
pub mod s3_05_versioning;
pub mod s3_06_public_access;
pub mod s3_07_access_logging;
pub mod s3_08_tls_only;
pub mod s3_09_lifecycle;
pub mod s3_10_access_log_target_delivery_blocked;
pub mod s3_11_log_bucket_expires_before_retention;

/// `"acme-trail"` (or the address when the name is not written).
fn name(cx: &Context, b: &Bucket) -> String {
    cx.model.display_name(b.id, &b.name)
}

/// `receives CloudTrail logs from aws_cloudtrail.org`.
fn sources(cx: &Context, b: &Bucket) -> String {
    cx.model.describe_sources(&b.log_sources)
}
