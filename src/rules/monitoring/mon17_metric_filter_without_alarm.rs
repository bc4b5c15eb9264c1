//! MON-17: a metric filter on a security log group whose metric no alarm watches.

use super::{alarms_on, filter_name, on_security_group};
use crate::finding::Sink;
use crate::model::MetricName;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "MON-17",
    policy_source: include_str!("../../../policies/MON-17.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    for f in model.metric_filters.iter().filter(|f| on_security_group(model, f)) {
        for (m, t) in f.metrics.iter().enumerate() {
            if alarms_on(model, f, m).next().is_some() {
                continue;
            }
            let show = |v| MetricName::of(v).map(|x| x.show().to_string()).unwrap_or_default();
            let metric = format!("{}/{}", show(&t.namespace), show(&t.name));
            out.report(f.id, &f.metrics_prop, format!(
                "metric filter {} counts events into metric {metric}, but no alarm watches that metric: nobody is told when it matches",
                filter_name(model, f)
            ));
        }
    }
}
