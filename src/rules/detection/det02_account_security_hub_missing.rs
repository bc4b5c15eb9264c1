//! DET-02 (account): Security Hub is not enabled in the account baseline.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "DET-02",
    policy_source: include_str!("../../../policies/DET-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    super::account_service(
        cx,
        out,
        "securityhub",
        "account.security_hub",
        &cx.model.workloads.security_hub,
        "Security Hub is not enabled in the account baseline: add aws_securityhub_account (AWS::SecurityHub::Hub), or declare provided_elsewhere: [securityhub].",
    );
}
