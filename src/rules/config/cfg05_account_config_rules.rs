//! CFG-05 (account): no AWS Config rule or conformance pack in the baseline.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CFG-05",
    policy_source: include_str!("../../../policies/CFG-05.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(anchor) = cx.account_anchor else { return };
    if cx.model.config_rules.is_empty() {
        out.report_account(
            anchor,
            "account.config_rules",
            "no AWS Config rule or conformance pack in the scanned baseline: recorded configuration is never evaluated"
                .into(),
        );
    }
}
