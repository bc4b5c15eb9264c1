//! MON-16: an alarm on a security log group's metric filter that notifies nobody.

use super::{Same, alarms_on, filter_name, on_security_group};
use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "MON-16",
    policy_source: include_str!("../../../policies/MON-16.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    let mut seen = std::collections::BTreeSet::new();
    for f in model.metric_filters.iter().filter(|f| on_security_group(model, f)) {
        for m in 0..f.metrics.len() {
            for (a, s) in alarms_on(model, f, m) {
                if s != Same::Yes || !seen.insert(a.id) {
                    continue;
                }
                let name = &model.resource(a.id).address;
                let filter = filter_name(model, f);
                if a.actions_enabled.is_false() {
                    out.report(a.id, &a.actions_enabled, format!(
                        "alarm {name} on the metric of filter {filter} (a security log group) has its actions disabled: it changes state and notifies nobody"
                    ));
                } else {
                    out.check(a.id, &a.actions, a.actions.get() == Some(&0), || {
                        format!("alarm {name} on the metric of filter {filter} (a security log group) has no alarm actions: it changes state and notifies nobody")
                    });
                }
            }
        }
    }
}
