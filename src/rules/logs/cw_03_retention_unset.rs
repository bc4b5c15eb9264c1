//! CW-03: security log groups should set a retention.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CW-03",
    policy_source: include_str!("../../../policies/CW-03.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for g in cx.model.log_groups.iter().filter(|g| !g.log_sources.is_empty()) {
        let forever = g.retention_days.is_missing() || g.retention_days.get() == Some(&0.0);
        out.check(g.id, &g.retention_days, forever, || {
            format!(
                "security log group {} has no retention: logs are kept forever and cost grows without bound; it {}",
                cx.model.display_name(g.id, &g.name),
                cx.model.describe_sources(&g.log_sources)
            )
        });
    }
}
