//! DET-01: a GuardDuty detector that is suspended (`enable = false`).

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "DET-01",
    policy_source: include_str!("../../../policies/DET-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for d in &cx.model.workloads.detectors {
        let res = &cx.model.resource(d.id).address;
        out.check(d.id, &d.enable, d.enable.is_false(), || {
            format!("GuardDuty detector {res} is suspended (enable = false / Enable: false): set it to true.")
        });
    }
}
