//! DET-00 (account): no GuardDuty detector in the account baseline.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "DET-00",
    policy_source: include_str!("../../../policies/DET-00.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    super::account_service(
        cx,
        out,
        "guardduty",
        "account.guardduty",
        &cx.model.workloads.guardduty,
        "No GuardDuty detector in the account baseline: add aws_guardduty_detector (AWS::GuardDuty::Detector, Enable: true) in every region, or declare provided_elsewhere: [guardduty] when a delegated administrator enables it.",
    );
}
