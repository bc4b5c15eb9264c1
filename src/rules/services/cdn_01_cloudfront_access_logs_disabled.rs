//! CDN-01: a CloudFront distribution without access logs (legacy standard logging to S3,
//! or a CloudWatch Logs vended delivery of type ACCESS_LOGS).

use super::vended;
use crate::finding::{Sink, Verdict};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CDN-01",
    policy_source: include_str!("../../../policies/CDN-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    for d in &model.services.distributions {
        let bucket = &d.logging_bucket;
        let verdict = if bucket.get().is_some() {
            Verdict::Pass
        } else {
            match vended(cx, d.id, &["ACCESS_LOGS"]) {
                Verdict::Fail => Verdict::of(bucket.is_missing(), bucket),
                v => v,
            }
        };
        out.verdict(d.id, bucket, verdict, || {
            format!(
                "CloudFront distribution {} has no access logs: add logging_config {{ bucket }} (Terraform) / DistributionConfig.Logging.Bucket (CloudFormation), or a CloudWatch Logs delivery with log type ACCESS_LOGS. Security Hub CloudFront.5 and Config cloudfront-accesslogs-enabled evaluate the legacy logging setting only.",
                model.resource(d.id).address
            )
        });
    }
}
