//! VPC-02: a flow log that captures only accepted or only rejected traffic.

use crate::finding::Sink;
use crate::model::vocab::TrafficType;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "VPC-02",
    policy_source: include_str!("../../../policies/VPC-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    let is_all = |f: &crate::model::FlowLog| f.traffic_type.get().is_some_and(|t| t.is == TrafficType::All);
    for f in &model.flow_logs {
        let target = f.target.get().and_then(|l| l.target);
        // Another flow log on the same VPC/subnet that captures everything is enough.
        let other_all = target.is_some()
            && model
                .flow_logs
                .iter()
                .any(|o| o.id != f.id && o.target.get().and_then(|l| l.target) == target && is_all(o));
        let t = f.traffic_type.get().map(|t| t.written.clone()).unwrap_or_default();
        let narrow = !t.is_empty() && !is_all(f) && !other_all;
        out.check(f.id, &f.traffic_type, narrow, || {
            format!(
                "flow log {} captures only {} traffic; use ALL so that both accepted and rejected connections are recorded",
                model.resource(f.id).address,
                t
            )
        });
    }
}
