//! CDN-02: a bucket receiving CloudFront legacy standard logs with ACLs disabled (Object
//! Ownership BucketOwnerEnforced, also the default): CloudFront cannot deliver to it.

use crate::finding::Sink;
use crate::model::LogSourceKind;
use crate::model::vocab::ObjectOwnership;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CDN-02",
    policy_source: include_str!("../../../policies/CDN-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    for b in model
        .buckets
        .iter()
        .filter(|b| b.log_sources.iter().any(|s| s.kind == LogSourceKind::CloudFront))
    {
        let o = &b.object_ownership;
        let default = o.is_missing();
        let fails = default || o.get() == Some(&ObjectOwnership::BucketOwnerEnforced);
        out.check(b.id, o, fails, || {
            format!(
                "Bucket {} receives CloudFront standard logs but has ACLs disabled (Object Ownership BucketOwnerEnforced{}); CloudFront cannot deliver log files to it. Set object_ownership = \"BucketOwnerPreferred\" in aws_s3_bucket_ownership_controls (Terraform) / OwnershipControls Rules ObjectOwnership: BucketOwnerPreferred (CloudFormation).",
                model.resource(b.id).address,
                if default { ", the default" } else { "" }
            )
        });
    }
}
