//! CT-12: a trail bucket's policy lets cloudtrail.amazonaws.com write without an
//! `aws:SourceArn` / `aws:SourceAccount` condition (the confused-deputy guard).

use crate::finding::Sink;
use crate::finding::Verdict;
use crate::model::{LogSourceKind, Value};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-12",
    policy_source: include_str!("../../../policies/CT-12.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let trail_buckets = cx
        .model
        .buckets
        .iter()
        .filter(|b| b.log_sources.iter().any(|s| s.kind == LogSourceKind::CloudTrail));
    for b in trail_buckets {
        let res = &cx.model.resource(b.id).address;
        for p in &b.policies {
            let Some(doc) = p.get() else {
                // Unknown or unparsable: undecided (reported only with --strict).
                let at = p.clone().at("bucket.policies");
                out.verdict(b.id, &at, Verdict::of(false, p), String::new);
                continue;
            };
            for s in &doc.statements {
                // At the statement when the document has its own spans, else the policy.
                let at = Value::explicit((), s.span.or(p.span), p.provenance.clone()).at("bucket.policies");
                let verdict = match s.cloudtrail_writes_without_source_condition() {
                    Some(true) => Verdict::Fail,
                    Some(false) => Verdict::Pass,
                    None => Verdict::unknown(format!("a statement of the bucket policy of {res}")),
                };
                out.verdict(b.id, &at, verdict, || {
                    format!(
                        "Bucket policy of trail bucket {res} lets cloudtrail.amazonaws.com write without an aws:SourceArn (or aws:SourceAccount) condition: add one naming this account's trail(s)."
                    )
                });
            }
        }
    }
}
