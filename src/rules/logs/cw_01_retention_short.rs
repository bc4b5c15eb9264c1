//! CW-01: security log groups must keep logs long enough.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CW-01",
    policy_source: include_str!("../../../policies/CW-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for g in cx.model.log_groups.iter().filter(|g| !g.log_sources.is_empty()) {
        let days = g.retention_days.get().copied();
        let short = days.is_some_and(|d| d > 0.0 && d < cx.min_retention_days);
        out.check(g.id, &g.retention_days, short, || {
            format!(
                "security log group {} keeps logs {} days, less than the required {}; it {}",
                cx.model.display_name(g.id, &g.name),
                days.map(crate::frontend::format_number).unwrap_or_default(),
                crate::frontend::format_number(cx.min_retention_days),
                cx.model.describe_sources(&g.log_sources)
            )
        });
    }
}
