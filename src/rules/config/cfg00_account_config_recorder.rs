//! CFG-00 (account): no AWS Config recorder in the baseline.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CFG-00",
    policy_source: include_str!("../../../policies/CFG-00.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(anchor) = cx.account_anchor else { return };
    if cx.provided_elsewhere("config") {
        return;
    }
    if cx.model.config_recorders.is_empty() {
        out.report_account(
            anchor,
            "account.config_recorders",
            "no AWS Config configuration recorder in the scanned baseline: resource configuration history is not recorded".into(),
        );
    }
}
