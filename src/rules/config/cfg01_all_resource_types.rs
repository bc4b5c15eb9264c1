//! CFG-01: a Config recorder that does not record all supported resource types.

use crate::finding::Sink;
use crate::model::vocab::RecordingStrategy;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CFG-01",
    policy_source: include_str!("../../../policies/CFG-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for r in &cx.model.config_recorders {
        let name = &cx.model.resource(r.id).address;
        let strategy = r.strategy.get();
        if strategy == Some(&RecordingStrategy::InclusionByResourceTypes)
            || (strategy == Some(&RecordingStrategy::ExclusionByResourceTypes) && !r.exclusions.is_empty())
        {
            let what = if r.exclusions.is_empty() {
                "records only the listed resource types".to_string()
            } else {
                format!("excludes {}", r.exclusions.join(", "))
            };
            out.report(
                r.id,
                &r.strategy,
                format!("AWS Config recorder {name} {what}: changes to the other resource types are not recorded"),
            );
            continue;
        }
        out.check(r.id, &r.all_supported, r.all_supported.is_false(), || {
            format!("AWS Config recorder {name} does not record all supported resource types: changes to unlisted resources are not recorded")
        });
    }
}
