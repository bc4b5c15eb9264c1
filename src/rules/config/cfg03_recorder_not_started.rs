//! CFG-03: a Terraform Config recorder that no recorder status resource starts.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CFG-03",
    policy_source: include_str!("../../../policies/CFG-03.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for r in &cx.model.config_recorders {
        let name = &cx.model.resource(r.id).address;
        out.check(r.id, &r.started, r.started.is_false(), || {
            if r.started.is_set() {
                format!("AWS Config recorder {name} is stopped: its aws_config_configuration_recorder_status has is_enabled = false")
            } else {
                format!("AWS Config recorder {name} is never started: no aws_config_configuration_recorder_status with is_enabled = true refers to it")
            }
        });
    }
}
