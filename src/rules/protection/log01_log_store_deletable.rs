//! LOG-01: a log bucket Terraform may empty on destroy (`force_destroy`), or a security
//! log group without deletion protection.

use crate::finding::{Sink, Verdict};
use crate::model::Iac;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "LOG-01",
    policy_source: include_str!("../../../policies/LOG-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    // CloudFormation cannot delete a non-empty bucket: `force_destroy` is Terraform's only
    // (absent in templates, so not evaluated there).
    for b in model
        .buckets
        .iter()
        .filter(|b| b.is_log_bucket() && !b.force_destroy.is_absent())
    {
        let res = &model.resource(b.id).address;
        let verdict = if b.force_destroy.is_true() {
            // Objects under a COMPLIANCE default retention cannot be deleted, even by destroy.
            match b.locked_for(cx.min_retention_days, true) {
                Some(true) => Verdict::Pass,
                Some(false) => Verdict::Fail,
                None => Verdict::unknown("the bucket's Object Lock default retention"),
            }
        } else {
            Verdict::of(false, &b.force_destroy)
        };
        out.verdict(b.id, &b.force_destroy, verdict, || {
            format!(
                "Log bucket {res} has force_destroy = true: terraform destroy deletes every log object and version. Remove it."
            )
        });
    }
    // Absent: not evaluated (a provider older than v6.25.0, a plan without the attribute).
    for g in model
        .log_groups
        .iter()
        .filter(|g| !g.log_sources.is_empty() && !g.deletion_protection.is_absent())
    {
        let r = model.resource(g.id);
        let res = &r.address;
        out.check(
            g.id,
            &g.deletion_protection,
            g.deletion_protection.is_false(),
            || match r.iac {
                Iac::CloudFormation => format!(
                    "Security log group {res} can be deleted with its logs: set DeletionProtectionEnabled: true, and DeletionPolicy: Retain and UpdateReplacePolicy: Retain so stack deletion or replacement keeps the group."
                ),
                _ => format!(
                    "Security log group {res} can be deleted with its logs: set deletion_protection_enabled = true (skip_destroy and prevent_destroy only guard against Terraform)."
                ),
            },
        );
    }
}
