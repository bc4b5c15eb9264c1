//! Links of the service-logging kinds (services.md §1), resolved once after every
//! resource is adapted: listeners onto load balancers, method settings onto REST stages,
//! v2 stages onto their API, WAFv2 logging onto web ACLs, deliveries onto their source
//! (by reference or literal name) and destination; plus the log stores these services
//! write to (section 0 "Coupling").

use std::collections::HashMap;

use super::{K, View, instance_key};
use crate::frontend::Unit;
use crate::model::services::StageKind;
use crate::model::{Link, LogSource, LogSourceKind, Model, ResourceId, Value};

fn target(v: &Value<Link>) -> Option<ResourceId> {
    v.get().and_then(|l| l.target)
}

/// Resolves the links; returns the stores service logs go to, as (store, source).
pub fn resolve(model: &mut Model, units: &[Unit]) -> Vec<(ResourceId, LogSource)> {
    let unit_of = model.unit_of.clone();
    let same_unit = |a: ResourceId, b: ResourceId| unit_of.get(a.0).is_some() && unit_of.get(a.0) == unit_of.get(b.0);
    let s = &mut model.services;

    // Listeners -> load balancers.
    let lbs: HashMap<ResourceId, usize> = s.load_balancers.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    for l in &s.listeners {
        match target(&l.load_balancer).and_then(|t| lbs.get(&t)) {
            Some(&i) => s.load_balancers[i].listener_protocols.push(l.protocol.clone()),
            None if l.load_balancer.is_unknown() => {
                for lb in s.load_balancers.iter_mut().filter(|lb| same_unit(lb.id, l.id)) {
                    lb.unknown_listeners.push(l.id);
                }
            }
            None => {}
        }
    }

    // Method settings -> REST stages (by reference, or by equal API and literal name).
    for ms in &s.method_settings {
        let applies = match ms.method_path.get() {
            Some(p) => p == "*/*",
            None => ms.method_path.is_unknown(),
        };
        if !applies {
            continue;
        }
        let by_ref = target(&ms.stage);
        for st in s
            .stages
            .iter_mut()
            .filter(|st| matches!(st.kind, StageKind::Rest | StageKind::Deployment))
        {
            let linked = match by_ref {
                Some(t) => t == st.id,
                None => {
                    let same_api = match (ms.rest_api.get(), st.rest_api.get()) {
                        (Some(a), Some(b)) => {
                            (a.target.is_some() && a.target == b.target)
                                || (a.literal.is_some() && a.literal == b.literal)
                        }
                        _ => false,
                    };
                    same_api && ms.stage_name.get().is_some() && ms.stage_name.get() == st.stage_name.get()
                }
            };
            if linked {
                if ms.method_path.is_unknown() {
                    if !st.logging_level.is_set() {
                        st.unknown_settings.push(ms.id);
                    }
                } else {
                    st.logging_level = ms.logging_level.clone();
                }
            } else if by_ref.is_none() && ms.stage.is_unknown() && same_unit(ms.id, st.id) {
                st.unknown_settings.push(ms.id);
            }
        }
    }

    // v2 stages -> their API's protocol.
    let apis: HashMap<ResourceId, usize> = s.v2_apis.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    for st in s.stages.iter_mut().filter(|st| st.kind == StageKind::V2) {
        st.protocol = match target(&st.api).and_then(|t| apis.get(&t)) {
            Some(&i) => s.v2_apis[i].protocol.clone(),
            None => Value::unknown("the stage's API is not in the scan", st.api.span, Vec::new()),
        };
    }

    // WAFv2 logging -> web ACLs.
    let acls: HashMap<ResourceId, usize> = s.web_acls.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    for w in &s.waf_logging {
        match target(&w.acl).and_then(|t| acls.get(&t)) {
            Some(&i) => s.web_acls[i].logging.push(w.id),
            None if w.acl.is_unknown() => {
                for a in s.web_acls.iter_mut().filter(|a| !a.classic && same_unit(a.id, w.id)) {
                    a.unknown_logging.push(w.id);
                }
            }
            None => {}
        }
    }

    // Deliveries -> sources named by a literal (the closest source of that name).
    for d in &mut s.deliveries {
        if target(&d.source).is_some() {
            continue;
        }
        let Some(name) = d.source.get().and_then(|l| l.literal.clone()) else {
            continue;
        };
        let found = s
            .delivery_sources
            .iter()
            .filter(|src| src.name.get() == Some(&name))
            .map(|src| src.id)
            .find(|&id| same_unit(id, d.id));
        if let Some(found) = found {
            d.source = d.source.clone().map(|l| Link {
                target: Some(found),
                ..l
            });
        }
    }

    // WAF destination names of referenced stores.
    let raw_name = |id: ResourceId| -> Value<String> {
        let r = &model.resources[id.0];
        let key = r.instances.first().unwrap_or(&r.address);
        let Some(raw) = units
            .get(unit_of[id.0])
            .and_then(|u| u.resources.iter().find(|raw| instance_key(raw) == key))
        else {
            return Value::absent();
        };
        let v = View::new(raw.lang, &raw.props);
        for k in [
            K::both("name", "LogGroupName"),
            K::both("bucket", "BucketName"),
            K::cfn("DeliveryStreamName"),
        ] {
            let t = v.text(k);
            if !t.is_absent() {
                return t;
            }
        }
        Value::absent()
    };
    let mut names = Vec::new();
    for (w, wl) in model.services.waf_logging.iter().enumerate() {
        for (i, (link, _)) in wl.destinations.iter().enumerate() {
            if let Some(t) = target(link) {
                let mut n = raw_name(t);
                n.span = link.span;
                names.push((w, i, n));
            }
        }
    }
    for (w, i, n) in names {
        model.services.waf_logging[w].destinations[i].1 = n;
    }

    // Where service logs go.
    let s = &model.services;
    let mut stores = Vec::new();
    let sources: HashMap<ResourceId, usize> = s.delivery_sources.iter().enumerate().map(|(i, x)| (x.id, i)).collect();
    let destinations: HashMap<ResourceId, usize> = s
        .delivery_destinations
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id, i))
        .collect();
    let serviced = |id: ResourceId| {
        s.load_balancers.iter().any(|x| x.id == id)
            || s.distributions.iter().any(|x| x.id == id)
            || s.web_acls.iter().any(|x| x.id == id)
    };
    for d in &s.deliveries {
        let from = target(&d.source)
            .and_then(|t| sources.get(&t))
            .and_then(|&i| target(&s.delivery_sources[i].resource))
            .filter(|&r| serviced(r));
        let store = target(&d.destination)
            .and_then(|t| destinations.get(&t))
            .and_then(|&i| target(&s.delivery_destinations[i].store));
        if let (Some(from), Some(store)) = (from, store) {
            stores.push((store, LogSource::new(LogSourceKind::Vended, Some(from))));
        }
    }
    for st in &s.stages {
        if let Some(t) = target(&st.access_log) {
            stores.push((t, LogSource::new(LogSourceKind::ApiGateway, Some(st.id))));
        }
    }
    for w in &s.waf_logging {
        let from = target(&w.acl).filter(|a| acls.contains_key(a)).unwrap_or(w.id);
        for (link, _) in &w.destinations {
            if let Some(t) = target(link) {
                stores.push((t, LogSource::new(LogSourceKind::Waf, Some(from))));
            }
        }
    }
    stores
}
