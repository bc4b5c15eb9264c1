//! Monitoring links resolved after adapting: event targets onto rules, recorder status onto
//! recorders, alarms that name a metric filter directly, flow logs onto VPCs and subnets.

use std::collections::HashMap;

use super::Scopes;
use crate::model::{ConfigRecorder, EventRule, Link, MetricFilter, Model, ResourceId, Subnet, Value, Vpc};

type Targets = [(ResourceId, Value<Link<EventRule>>, Value<Link>)];
type Statuses = [(ResourceId, Value<Link<ConfigRecorder>>, Value<bool>)];

/// Resources by their written name.
type ByName = HashMap<String, Vec<ResourceId>>;

fn by_names<'a>(items: impl Iterator<Item = (ResourceId, Option<&'a String>)>) -> ByName {
    let mut out = ByName::new();
    for (id, name) in items {
        if let Some(n) = name {
            out.entry(n.clone()).or_default().push(id);
        }
    }
    out
}

/// The resource a link from `from` points at, by reference or by name (a name or an ARN
/// ending in it); among several of that name, the closest to `from` ([`Scopes::pick`]).
fn by_name<T>(link: &Link<T>, names: &ByName, scopes: &Scopes, from: ResourceId) -> Option<ResourceId> {
    link.target.or_else(|| {
        let lit = link.literal.as_deref()?;
        let short = lit.rsplit('/').next().unwrap_or(lit);
        let mut candidates: Vec<ResourceId> = names.get(lit).into_iter().flatten().copied().collect();
        if short != lit {
            candidates.extend(names.get(short).into_iter().flatten().copied());
            candidates.sort();
            candidates.dedup();
        }
        scopes.pick(from, &candidates)
    })
}

pub fn resolve(model: &mut Model, scopes: &Scopes, targets: &Targets, statuses: &Statuses) {
    let unit_of = model.unit_of.clone();
    event_targets(model, &unit_of, scopes, targets);
    recorder_status(model, &unit_of, scopes, statuses);
    alarm_refs(model);
    flow_logs(model, &unit_of);
}

fn event_targets(model: &mut Model, unit_of: &[usize], scopes: &Scopes, targets: &Targets) {
    let names = by_names(model.event_rules.iter().map(|r| (r.id, r.name.get())));
    let mut unknown: Vec<(usize, String)> = Vec::new();
    for (from, link, arn) in targets {
        match link
            .get()
            .and_then(|l| by_name(l, &names, scopes, *from))
            .and_then(|r| model.id_of::<EventRule>(r))
        {
            Some(i) => {
                let rule = &mut model[i];
                let n = rule.targets.get().copied().unwrap_or(0) + 1;
                rule.targets = Value::explicit(n, rule.targets.span, Vec::new());
                rule.target_arns.push(arn.clone());
            }
            None if link.is_unknown() => {
                unknown.push((unit_of[from.0], link.unresolved().unwrap_or("rule").to_string()))
            }
            None => {}
        }
    }
    for (unit, why) in unknown {
        for rule in model.event_rules.iter_mut().filter(|r| unit_of[r.id.0] == unit) {
            if rule.targets.get() == Some(&0) {
                rule.targets = Value::unknown(format!("a target's rule ({why})"), None, Vec::new());
            }
        }
    }
}

fn recorder_status(model: &mut Model, unit_of: &[usize], scopes: &Scopes, statuses: &Statuses) {
    let names = by_names(model.config_recorders.iter().map(|r| (r.id, r.name.get())));
    for (from, link, enabled) in statuses {
        match link.get().and_then(|l| by_name(l, &names, scopes, *from)) {
            Some(r) => {
                if let Some(i) = model.id_of::<ConfigRecorder>(r)
                    && !model[i].started.is_true()
                {
                    model[i].started = enabled.clone();
                }
            }
            None if link.is_unknown() => {
                let unit = unit_of[from.0];
                for rec in model
                    .config_recorders
                    .iter_mut()
                    .filter(|c| unit_of[c.id.0] == unit && !c.started.is_true())
                {
                    rec.started = if enabled.is_false() {
                        enabled.clone()
                    } else {
                        Value::unknown(
                            link.unresolved().unwrap_or("recorder status").to_string(),
                            link.span,
                            link.provenance.clone(),
                        )
                    };
                }
            }
            None => {}
        }
    }
}

/// `metric_name = aws_cloudwatch_log_metric_filter.x.metric_transformation[0].name` (or
/// `.id`, `!Ref Filter`: the filter's name): the alarm's value is the filter's.
fn alarm_refs(model: &mut Model) {
    for a in 0..model.alarms.len() {
        for which in [0, 1] {
            let alarm = &model.alarms[a];
            let (r, current) = if which == 0 {
                (&alarm.metric_name_ref, &alarm.metric_name)
            } else {
                (&alarm.namespace_ref, &alarm.namespace)
            };
            let Some((target, attr)) = r else { continue };
            let Some(filter) = model.get::<MetricFilter>(*target) else {
                continue;
            };
            let resolved = match attr.as_str() {
                "metric_transformation" => filter
                    .metrics
                    .first()
                    .map(|m| if which == 0 { &m.name } else { &m.namespace }),
                "id" | "name" | "Ref" if which == 0 => Some(&filter.name),
                _ => None,
            };
            let Some(resolved) = resolved else { continue };
            let mut v = match resolved.get() {
                Some(t) => Value::explicit(t.clone(), current.span, resolved.provenance.clone()),
                None => Value::unknown(
                    resolved.unresolved().unwrap_or("metric filter").to_string(),
                    current.span,
                    resolved.provenance.clone(),
                ),
            };
            v.provenance.extend(current.provenance.iter().cloned());
            let alarm = &mut model.alarms[a];
            if which == 0 {
                alarm.metric_name = v;
            } else {
                alarm.namespace = v;
            }
        }
    }
}

fn flow_logs(model: &mut Model, unit_of: &[usize]) {
    for s in model.ids::<Subnet>() {
        let subnet = &model[s];
        let id = subnet.id;
        if let Some(v) = subnet.vpc.get().and_then(|l| model.target(l)) {
            model[v].subnets.push(id);
        }
    }
    for i in 0..model.flow_logs.len() {
        let f = &model.flow_logs[i];
        let id = f.id;
        let target = f.target.get().and_then(|l| l.target);
        let vpc = target.and_then(|t| model.id_of::<Vpc>(t));
        let subnet = target.and_then(|t| model.id_of::<Subnet>(t));
        // A network interface or transit gateway is not a VPC's flow log; a flow log of
        // a VPC or subnet that refers to some other resource (e.g. a CIDR association
        // carrying a VPC id), or whose target is unknown, may be any VPC's of its unit.
        let other = target.is_some()
            && !f.target.is_unknown()
            && f.target.get().is_some_and(|l| l.literal.is_none())
            && matches!(f.target_kind.as_deref().unwrap_or(""), "VPC" | "Subnet");
        let unknown = target.is_none() && f.target.is_unknown();
        if let Some(v) = vpc {
            model[v].flow_logs.push(id);
        } else if let Some(s) = subnet {
            model[s].flow_logs.push(id);
        } else if other || unknown {
            let unit = unit_of[id.0];
            for v in model.vpcs.iter_mut().filter(|v| unit_of[v.id.0] == unit) {
                v.unknown_flow_logs.push(id);
            }
        }
    }
}
