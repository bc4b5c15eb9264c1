//! Monitoring rules: CIS 4.x alarm coverage (MON-01..MON-15), alarms without actions
//! (MON-16), metric filters without alarms (MON-17), unparsable patterns (MON-18), alarm
//! topics nobody subscribes to (MON-19).
//!
//! The chain is evaluated here, once: multi-region trail -> its log group -> metric filters
//! on that group whose parsed pattern matches every canonical event of the control -> the
//! filter's metric (name + namespace) -> an alarm on it with actions enabled and at least
//! one action. Or: an enabled EventBridge rule with a target whose parsed pattern matches
//! every canonical event in its EventBridge envelope.

pub mod mon01_unauthorized_api_calls;
pub mod mon02_console_signin_without_mfa;
pub mod mon03_root_account_usage;
pub mod mon04_iam_policy_changes;
pub mod mon05_cloudtrail_changes;
pub mod mon06_console_auth_failures;
pub mod mon07_cmk_disable_or_deletion;
pub mod mon08_s3_bucket_policy_changes;
pub mod mon09_config_changes;
pub mod mon10_security_group_changes;
pub mod mon11_nacl_changes;
pub mod mon12_network_gateway_changes;
pub mod mon13_route_table_changes;
pub mod mon14_vpc_changes;
pub mod mon15_organizations_changes;
pub mod mon16_alarm_without_action;
pub mod mon17_metric_filter_without_alarm;
pub mod mon18_pattern_invalid;
pub mod mon19_alarm_topic_without_subscriber;

use std::sync::OnceLock;

use serde_json::Value as Json;

use crate::finding::{Sink, Verdict};
use crate::model::{Alarm, EventRule, Link, LogGroup, MetricFilter, MetricName, Model, Trail, Value};
use crate::patterns::eventbridge_envelope;
use crate::rules::Context;

/// One CIS monitoring control and its canonical CloudTrail records.
pub struct Control {
    pub rule: String,
    pub cis: String,
    pub title: String,
    pub events: Vec<Json>,
    /// The records in their EventBridge form.
    pub envelopes: Vec<Json>,
}

/// The canonical events shipped with the binary (`policies/cis-monitoring-events.json`).
pub fn controls() -> &'static [Control] {
    static CONTROLS: OnceLock<Vec<Control>> = OnceLock::new();
    CONTROLS.get_or_init(|| {
        let doc: Json =
            serde_json::from_str(include_str!("../../../policies/cis-monitoring-events.json")).unwrap_or(Json::Null);
        let text = |c: &Json, k: &str| c.get(k).and_then(Json::as_str).unwrap_or("").to_string();
        doc.get("controls")
            .and_then(Json::as_array)
            .map(|cs| {
                cs.iter()
                    .map(|c| {
                        let events: Vec<Json> = c.get("events").and_then(Json::as_array).cloned().unwrap_or_default();
                        Control {
                            rule: text(c, "rule"),
                            cis: text(c, "cis"),
                            title: text(c, "title"),
                            envelopes: events.iter().map(eventbridge_envelope).collect(),
                            events,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

pub fn control(rule: &str) -> Option<&'static Control> {
    controls().iter().find(|c| c.rule == rule)
}

/// A short name for a canonical event: `StopLogging`, `RunInstances (errorCode
/// Client.UnauthorizedOperation)`, `ConsoleLogin (root)`.
pub fn event_label(e: &Json) -> String {
    let s = |k: &str| e.get(k).and_then(Json::as_str);
    let name = s("eventName").unwrap_or("event").to_string();
    if let Some(code) = s("errorCode") {
        format!("{name} (errorCode {code})")
    } else if let Some(msg) = s("errorMessage") {
        format!("{name} (errorMessage \"{msg}\")")
    } else if e.pointer("/userIdentity/type").and_then(Json::as_str) == Some("Root") {
        format!("{name} (root)")
    } else {
        name
    }
}

/// Do two metric names / namespaces (maybe) designate the same thing?
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Same {
    No,
    Maybe,
    Yes,
}

fn same(a: &Value<String>, b: &Value<String>) -> Same {
    match (MetricName::of(a), MetricName::of(b)) {
        (Some(x), Some(y)) if x == y => Same::Yes,
        (Some(MetricName::Text(_)), Some(MetricName::Text(_))) => Same::No,
        (Some(_), Some(_)) => Same::Maybe,
        _ => Same::No,
    }
}

/// Does `alarm` watch the `m`-th metric of filter `f`?
pub fn watches(alarm: &Alarm, f: &MetricFilter, m: usize) -> Same {
    let Some(t) = f.metrics.get(m) else { return Same::No };
    same(&alarm.metric_name, &t.name).min(same(&alarm.namespace, &t.namespace))
}

/// The alarms that (maybe) watch the `m`-th metric of `f`.
pub fn alarms_on<'a>(model: &'a Model, f: &'a MetricFilter, m: usize) -> impl Iterator<Item = (&'a Alarm, Same)> + 'a {
    model
        .alarms
        .iter()
        .map(move |a| (a, watches(a, f, m)))
        .filter(|(_, s)| *s != Same::No)
}

/// `"trail-changes"` or the address.
pub fn filter_name(model: &Model, f: &MetricFilter) -> String {
    model.display_name(f.id, &f.name)
}

fn rule_name(model: &Model, r: &EventRule) -> String {
    format!("EventBridge rule {}", model.display_name(r.id, &r.name))
}

/// Is the filter on a security log group (a trail's, a flow log's, or a configured one)?
pub fn on_security_group(model: &Model, f: &MetricFilter) -> bool {
    f.log_group
        .get()
        .and_then(|l| model.follow(l))
        .is_some_and(|g| !g.log_sources.is_empty())
}

/// The coverage of one control for one trail.
pub enum Coverage {
    Covered,
    /// Cannot be decided statically: why.
    Unknown(String),
    /// Not covered: what is missing, in words.
    Missing(String),
}

impl Coverage {
    /// The verdict, and what is missing when it fails.
    pub fn verdict(self) -> (Verdict, Option<String>) {
        match self {
            Coverage::Covered => (Verdict::Pass, None),
            Coverage::Unknown(why) => (Verdict::Unknown(why), None),
            Coverage::Missing(what) => (Verdict::Fail, Some(what)),
        }
    }
}

/// Is filter `f` on the trail's log group (given as a link)?
fn on_group(f: &MetricFilter, group: &Link<LogGroup>) -> Same {
    if f.log_group.is_unknown() {
        return Same::Maybe;
    }
    let Some(fl) = f.log_group.get() else { return Same::No };
    match (group.target, fl.target) {
        (Some(g), Some(t)) => return if g == t { Same::Yes } else { Same::No },
        (Some(_), None) | (None, Some(_)) => return Same::No,
        (None, None) => {}
    }
    match (&group.name, &fl.name) {
        (Some(a), Some(b)) if a == b => Same::Yes,
        _ => Same::No,
    }
}

pub fn coverage(cx: &Context, trail: &Trail, control: &Control) -> Coverage {
    let model = cx.model;
    let account = cx.account_anchor.is_some();
    let n = control.events.len();
    let mut maybe: Vec<String> = Vec::new();
    // What is not known about resources of other units (other modules, other templates,
    // maybe other accounts) makes coverage unknown only with `--account`, where the scan is
    // one baseline; otherwise one unresolved rule anywhere would silence every trail.
    let nearby = |id| account || model.same_unit(id, trail.id);
    // (matched, is a filter, description) of the best partial candidate.
    let mut best: Option<(usize, String, Option<String>)> = None;
    let mut consider = |matched: usize, what: String, problem: Option<String>| {
        if matched > 0 && best.as_ref().is_none_or(|(m, _, _)| matched > *m) {
            best = Some((matched, what, problem));
        }
    };

    // EventBridge rules.
    for r in &model.event_rules {
        let name = rule_name(model, r);
        // CloudTrail events reach only the account's default event bus.
        match r.event_bus.get() {
            Some(b) if b != "default" && !b.ends_with(":event-bus/default") => continue,
            None if r.event_bus.is_unknown() => {
                if nearby(r.id) {
                    maybe.push(format!("the event bus of {name} is not known"));
                }
                continue;
            }
            _ => {}
        }
        let p = match &r.parsed {
            Some(Ok(p)) => p,
            Some(Err(_)) => continue,
            None => {
                if r.pattern.is_unknown() && !r.enabled.is_false() && r.targets.get() != Some(&0) && nearby(r.id) {
                    maybe.push(format!("the event pattern of {name} is not known"));
                }
                continue;
            }
        };
        // Console sign-in events match under either detail-type spelling (services.md §5.3).
        let matched = control.envelopes.iter().filter(|e| p.matches_cloudtrail(e)).count();
        if matched < n {
            if nearby(r.id) {
                consider(matched, name, None);
            }
            continue;
        }
        let enabled = r.enabled.get().copied();
        let targets = r.targets.get().copied();
        match (enabled, targets) {
            (Some(true), Some(t)) if t > 0 => return Coverage::Covered,
            (Some(false), _) => consider(n, name, Some("but is disabled".into())),
            (_, Some(0)) => consider(n, name, Some("but has no target".into())),
            _ if nearby(r.id) => maybe.push(format!("whether {name} is enabled and has a target is not known")),
            _ => {}
        }
    }

    // Metric filters on the trail's log group.
    let group = &trail.cloudwatch_log_group;
    let group_link = group.get().filter(|l| l.target.is_some() || l.literal.is_some());
    if group.is_unknown() {
        if !account {
            maybe.push(format!(
                "the trail's log group is not known ({})",
                group.unresolved().unwrap_or("unresolved")
            ));
        }
    } else if let Some(link) = group_link {
        if link.target.is_none() && !account {
            maybe.push("the trail's log group is outside the scan".into());
        }
        for f in &model.metric_filters {
            let on = on_group(f, link);
            if on == Same::No {
                continue;
            }
            let name = format!("filter {}", filter_name(model, f));
            let p = match &f.parsed {
                Some(Ok(p)) => p,
                Some(Err(_)) => continue,
                None => {
                    let same_lang = model.resource(f.id).iac == model.resource(trail.id).iac;
                    if f.pattern.is_unknown() && (on == Same::Yes || same_lang || nearby(f.id)) {
                        maybe.push(format!("the pattern of {name} is not known"));
                    }
                    continue;
                }
            };
            let matched = control.events.iter().filter(|e| p.matches(e)).count();
            if on == Same::Maybe {
                // A filter that would cover if it were on the trail's group is strong
                // evidence wherever it is in the same language (a module wired by its
                // caller); a Terraform module is not wired into a CloudFormation stack.
                let same_lang = model.resource(f.id).iac == model.resource(trail.id).iac;
                if matched == n && (same_lang || nearby(f.id)) {
                    maybe.push(format!("the log group of {name} is not known"));
                }
                continue;
            }
            if matched < n {
                consider(matched, name, None);
                continue;
            }
            let mut watched = false;
            for m in 0..f.metrics.len() {
                for (a, s) in alarms_on(model, f, m) {
                    watched = true;
                    match (s, a.notifies()) {
                        (Same::Yes, Some(true)) => return Coverage::Covered,
                        (_, Some(false)) => {}
                        _ => maybe.push(format!(
                            "whether alarm {} watches {name} with actions is not known",
                            model.resource(a.id).address
                        )),
                    }
                }
            }
            if f.metrics_prop.is_unknown() {
                maybe.push(format!("the metric of {name} is not known"));
            }
            let metric = f
                .metrics
                .first()
                .map(|t| {
                    format!(
                        " {}/{}",
                        MetricName::of(&t.namespace)
                            .map(|x| x.show().to_string())
                            .unwrap_or_default(),
                        MetricName::of(&t.name)
                            .map(|x| x.show().to_string())
                            .unwrap_or_default()
                    )
                })
                .unwrap_or_default();
            let problem = if watched {
                format!("but no alarm on its metric{metric} has actions enabled and at least one action")
            } else {
                format!("but no alarm watches its metric{metric}")
            };
            consider(n, name, Some(problem));
        }
    }

    if !maybe.is_empty() {
        maybe.sort();
        maybe.dedup();
        return Coverage::Unknown(maybe.join("; "));
    }
    let labels: Vec<String> = control.events.iter().map(event_label).collect();
    Coverage::Missing(match best {
        Some((_, what, Some(problem))) => format!("{what} matches {} {problem}", all_events(n)),
        Some((matched, what, None)) => {
            let missing: Vec<String> = control
                .events
                .iter()
                .zip(&labels)
                .filter(|(e, _)| !matched_by(model, &what, e, control))
                .map(|(_, l)| l.clone())
                .collect();
            format!(
                "{} not matched: {what} covers {matched} of {n} events",
                missing.join(", ")
            )
        }
        None => {
            let elsewhere = model
                .metric_filters
                .iter()
                .filter(|f| nearby(f.id))
                .find(|f| matches!(&f.parsed, Some(Ok(p)) if control.events.iter().all(|e| p.matches(e))));
            match elsewhere {
                Some(f) => format!(
                    "filter {} matches {} but is on another log group ({}), not the trail's",
                    filter_name(model, f),
                    all_events(n),
                    f.log_group
                        .get()
                        .and_then(|l| l.target)
                        .map(|g| model.resource(g).address.clone())
                        .or_else(|| f.log_group.get().and_then(|l| l.literal.clone()))
                        .unwrap_or_else(|| "not known".into())
                ),
                None => format!(
                    "no metric filter with an alarm on the trail's log group, and no enabled EventBridge rule with a target, matches its events ({})",
                    labels.join(", ")
                ),
            }
        }
    })
}

/// `the event` / `all 5 events`.
fn all_events(n: usize) -> String {
    if n == 1 {
        "the event".to_string()
    } else {
        format!("all {n} events")
    }
}

/// Whether the candidate named `what` (as built in [`coverage`]) matches event `e`.
fn matched_by(model: &Model, what: &str, e: &Json, control: &Control) -> bool {
    for f in &model.metric_filters {
        if format!("filter {}", filter_name(model, f)) == what
            && let Some(Ok(p)) = &f.parsed
        {
            return p.matches(e);
        }
    }
    for r in &model.event_rules {
        if rule_name(model, r) == what
            && let Some(Ok(p)) = &r.parsed
        {
            let i = control.events.iter().position(|x| x == e).unwrap_or(0);
            return control.envelopes.get(i).is_some_and(|env| p.matches_cloudtrail(env));
        }
    }
    false
}

/// MON-01..MON-15: one control, every multi-region trail.
pub fn check_control(rule: &str, cx: &Context, out: &mut Sink) {
    let Some(control) = control(rule) else { return };
    for t in cx.model.trails.iter().filter(|t| !t.multi_region.is_false()) {
        let name = &cx.model.resource(t.id).address;
        let head = format!(
            "CIS {} ({}) is not monitored for multi-region trail {name}",
            control.cis, control.title
        );
        if t.multi_region.is_unknown() {
            out.verdict(t.id, &t.multi_region, Verdict::of(false, &t.multi_region), || {
                head.clone()
            });
            continue;
        }
        let (verdict, missing) = coverage(cx, t, control).verdict();
        // At the trail's header: the coverage is no value of the trail.
        let at = Value::<()>::absent().at("trail.monitoring");
        out.verdict(t.id, &at, verdict, || match missing {
            Some(why) => format!("{head}: {why}"),
            None => head.clone(),
        });
    }
}
