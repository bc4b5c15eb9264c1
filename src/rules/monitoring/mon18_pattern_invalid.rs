//! MON-18: a metric filter or EventBridge rule whose pattern does not parse. The service
//! rejects it (the deployment fails), so whatever it was meant to watch is not watched.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "MON-18",
    policy_source: include_str!("../../../policies/MON-18.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    for f in &model.metric_filters {
        if let Some(Err(e)) = &f.parsed {
            out.report(f.id, &f.pattern, format!(
                "metric filter {} has an invalid filter pattern: {} (at byte {} of the pattern); CloudWatch Logs rejects it",
                model.display_name(f.id, &f.name),
                e.message,
                e.offset
            ));
        }
    }
    for r in &model.event_rules {
        if let Some(Err(e)) = &r.parsed {
            out.report(
                r.id,
                &r.pattern,
                format!(
                    "EventBridge rule {} has an invalid event pattern: {}; EventBridge rejects it",
                    model.display_name(r.id, &r.name),
                    e.message
                ),
            );
        }
    }
}
