//! Links of the service-logging kinds (services.md §1), resolved once after every
//! resource is adapted: listeners onto load balancers, method settings onto REST stages,
//! v2 stages onto their API, WAFv2 logging onto web ACLs, deliveries onto their source
//! (by reference or literal name) and destination; plus the log stores these services
//! write to (section 0 "Coupling").

use super::{K, View};
use crate::frontend::Unit;
use crate::model::services::{
    DeliveryDestination, DeliverySource, Distribution, LoadBalancer, StageKind, V2Api, WebAcl,
};
use crate::model::{Link, LogSource, LogSourceKind, Model, ResourceId, Value};

fn target<T>(v: &Value<Link<T>>) -> Option<ResourceId> {
    v.get().and_then(|l| l.target)
}

/// Resolves the links; returns the stores service logs go to, as (store, source).
pub fn resolve(model: &mut Model, units: &[Unit]) -> Vec<(ResourceId, LogSource)> {
    let unit_of = model.unit_of.clone();
    let same_unit = |a: ResourceId, b: ResourceId| unit_of.get(a.0).is_some() && unit_of.get(a.0) == unit_of.get(b.0);

    // Listeners -> load balancers.
    for l in 0..model.services.listeners.len() {
        let lb = model.services.listeners[l]
            .load_balancer
            .get()
            .and_then(|t| model.target(t));
        let s = &mut model.services;
        let l = &s.listeners[l];
        match lb {
            Some(i) => s.load_balancers[i.index()].listener_protocols.push(l.protocol.clone()),
            None if l.load_balancer.is_unknown() => {
                for lb in s.load_balancers.iter_mut().filter(|lb| same_unit(lb.id, l.id)) {
                    lb.unknown_listeners.push(l.id);
                }
            }
            None => {}
        }
    }

    // Method settings -> REST stages (by reference, or by equal API and literal name).
    let s = &mut model.services;
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
    for i in 0..model.services.stages.len() {
        let st = &model.services.stages[i];
        if st.kind != StageKind::V2 {
            continue;
        }
        let protocol = match st.api.get().and_then(|l| model.follow::<V2Api>(l)) {
            Some(api) => api.protocol.clone(),
            None => Value::unknown("the stage's API is not in the scan", st.api.span, Vec::new()),
        };
        model.services.stages[i].protocol = protocol;
    }

    // WAFv2 logging -> web ACLs.
    for w in 0..model.services.waf_logging.len() {
        let acl = model.services.waf_logging[w].acl.get().and_then(|t| model.target(t));
        let s = &mut model.services;
        let w = &s.waf_logging[w];
        match acl {
            Some(i) => s.web_acls[i.index()].logging.push(w.id),
            None if w.acl.is_unknown() => {
                for a in s.web_acls.iter_mut().filter(|a| !a.classic && same_unit(a.id, w.id)) {
                    a.unknown_logging.push(w.id);
                }
            }
            None => {}
        }
    }

    // Deliveries -> sources named by a literal (the closest source of that name).
    let s = &mut model.services;
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
            d.source = d.source.clone().map(|l| Link::new(Some(found), l.literal, l.name));
        }
    }

    // WAF destination names of referenced stores.
    let raw_name = |id: ResourceId| -> Value<String> {
        // Resources are numbered unit by unit, in each unit's order.
        let unit = unit_of[id.0];
        let first = unit_of.partition_point(|&u| u < unit);
        let Some(raw) = units.get(unit).and_then(|u| u.resources.get(id.0 - first)) else {
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
    let m = &*model;
    let s = &m.services;
    let mut stores = Vec::new();
    let serviced = |id: ResourceId| m.is::<LoadBalancer>(id) || m.is::<Distribution>(id) || m.is::<WebAcl>(id);
    for d in &s.deliveries {
        let from = d
            .source
            .get()
            .and_then(|l| m.follow::<DeliverySource>(l))
            .and_then(|src| target(&src.resource))
            .filter(|&r| serviced(r));
        let store = d
            .destination
            .get()
            .and_then(|l| m.follow::<DeliveryDestination>(l))
            .and_then(|dd| target(&dd.store));
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
        let from = target(&w.acl).filter(|&a| m.is::<WebAcl>(a)).unwrap_or(w.id);
        for (link, _) in &w.destinations {
            if let Some(t) = target(link) {
                stores.push((t, LogSource::new(LogSourceKind::Waf, Some(from))));
            }
        }
    }
    stores
}
