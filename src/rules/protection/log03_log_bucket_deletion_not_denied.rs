//! LOG-03: a log bucket whose policy does not deny everyone deleting log objects and
//! their versions (an exception condition for a break-glass principal is allowed).

use crate::finding::{Sink, Verdict};
use crate::model::Value;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "LOG-03",
    policy_source: include_str!("../../../policies/LOG-03.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    for b in model.buckets.iter().filter(|b| b.is_log_bucket()) {
        let name = b.name.get().map(String::as_str);
        // No policy at all: nothing denies.
        let mut denied = Some(false);
        let mut at = b.policies.first().cloned().unwrap_or_else(Value::absent);
        for p in &b.policies {
            match p.get().map(|d| d.denies_object_deletion(name)) {
                Some(Some(true)) => denied = Some(true),
                Some(Some(false)) => {}
                // Unknown or unparsable policy, or a statement that cannot be decided.
                _ if denied != Some(true) => {
                    if denied == Some(false) {
                        at = p.clone();
                    }
                    denied = None;
                }
                _ => {}
            }
        }
        let locked = b.locked_for(cx.min_retention_days, true);
        let verdict = match denied {
            Some(true) => Verdict::Pass,
            _ if locked == Some(true) => Verdict::Pass,
            None => Verdict::unknown(
                at.unresolved()
                    .map(|w| format!("the bucket policy ({w})"))
                    .unwrap_or_else(|| "the bucket policy's Deny statements (principal, actions or resources)".into()),
            ),
            // Object Lock in COMPLIANCE mode already keeps every log object.
            Some(false) => match locked {
                Some(_) => Verdict::Fail,
                None => Verdict::unknown("the bucket's Object Lock default retention"),
            },
        };
        let res = &model.resource(b.id).address;
        // A policy, or the header when there is none: stamped here, as `at` may be built.
        let at = at.at("bucket.policies");
        out.verdict(b.id, &at, verdict, || {
            format!(
                "Log bucket {res} has no bucket-policy Deny of s3:DeleteObject and s3:DeleteObjectVersion: add a Deny statement for \"*\" with an exception condition for a break-glass principal (also deny s3:PutBucketPolicy and s3:PutLifecycleConfiguration to the same principals to protect the statement itself)."
            )
        });
    }
}
