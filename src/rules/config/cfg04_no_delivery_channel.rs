//! CFG-04: a Config recorder without a delivery channel in the scan.

use crate::finding::Sink;
use crate::model::Value;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CFG-04",
    policy_source: include_str!("../../../policies/CFG-04.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    if !cx.model.delivery_channels.is_empty() {
        return;
    }
    for r in &cx.model.config_recorders {
        let name = &cx.model.resource(r.id).address;
        out.report(r.id, &Value::<()>::absent().at("config_recorder.delivery_channel"), format!(
            "AWS Config recorder {name} has no delivery channel in the scan: the recorder cannot start, and configuration snapshots and history go nowhere"
        ));
    }
}
