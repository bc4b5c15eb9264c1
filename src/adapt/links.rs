//! Links resolved once, after every resource is adapted: split bucket settings onto their
//! buckets, key aliases onto keys, which stores receive logs (and why), and which
//! resources each KMS key encrypts.

use std::collections::HashMap;

use super::kinds::{self, Role};
use super::s3::{self, Setting};
use super::{Names, Scopes, View, bucket_name};
use crate::frontend::{EVal, Prop, Unit, V};
use crate::model::{
    Bucket, ConfigRecorder, EventRule, Id, KmsKey, Link, LogGroup, LogSource, LogSourceKind, Model, ResourceId, Store,
    Value,
};

/// Split bucket settings waiting for their bucket.
#[derive(Default)]
pub struct Settings {
    items: Vec<(ResourceId, Value<Link<Bucket>>, Setting)>,
    /// `aws_cloudwatch_event_target`s, the rule each attaches to and its `arn`.
    pub targets: Vec<(ResourceId, Value<Link<EventRule>>, Value<Link>)>,
    /// `aws_config_configuration_recorder_status`: recorder link, `is_enabled`.
    pub statuses: Vec<(ResourceId, Value<Link<ConfigRecorder>>, Value<bool>)>,
}

/// What adapters leave for the link pass.
#[derive(Default)]
pub struct Pending {
    pub settings: Settings,
    /// Key aliases and the key each points at.
    pub aliases: HashMap<ResourceId, Value<Link<KmsKey>>>,
}

impl Settings {
    pub fn add(&mut self, from: ResourceId, bucket: Value<Link<Bucket>>, setting: Setting) {
        self.items.push((from, bucket, setting));
    }
}

#[allow(clippy::too_many_arguments)]
pub fn resolve(
    model: &mut Model,
    units: &[Unit],
    unit_maps: &[HashMap<String, ResourceId>],
    names: &Names,
    scopes: &Scopes,
    pending: Pending,
    service_logs_are_security_logs: bool,
    (log_buckets, log_groups): (&[String], &[String]),
) {
    let Pending { settings, aliases } = pending;
    let aliases = &aliases;
    let unit_of = model.unit_of.clone();

    super::monitoring_links::resolve(model, scopes, &settings.targets, &settings.statuses);
    let service_stores = super::service_links::resolve(model, units);
    super::workloads::resolve(model, scopes);
    super::governance::resolve(model, scopes);

    // 1. Split settings onto buckets; settings whose bucket is unknown make that setting
    //    unknown for every bucket of their unit. Buckets are grouped by unit once, and an
    //    unknown setting that repeats the last one of its unit and kind (nothing of that
    //    kind applied in between) is skipped: it would change nothing. Both keep this
    //    linear in the number of settings and buckets (issue 19.8).
    let mut unit_buckets: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, b) in model.buckets.iter().enumerate() {
        unit_buckets.entry(unit_of[b.id.0]).or_default().push(i);
    }
    // (unit, kind) -> (why of the last unknown applied, known settings applied since).
    let mut last_unknown: HashMap<(usize, u8), (String, bool)> = HashMap::new();
    for (from, link, setting) in settings.items {
        let kind = s3::setting_kind(&setting);
        match link.get().and_then(|l| model.target(l)) {
            Some(b) => {
                if let Some(last) = last_unknown.get_mut(&(unit_of[model[b].id.0], kind)) {
                    last.1 = true;
                }
                s3::apply(&mut model[b], setting)
            }
            None if link.is_unknown() => {
                let why = link.unresolved().unwrap_or("unknown").to_string();
                let unit = unit_of[from.0];
                // Policies accumulate: each unknown one is kept. Some kinds take only the
                // first unknown (the bucket's value is then no longer missing); the others
                // take the last one's reason, so only an identical repeat is skipped.
                let first_wins = matches!(kind, 0 | 1 | 4 | 6);
                if kind != s3::POLICY_KIND
                    && last_unknown
                        .get(&(unit, kind))
                        .is_some_and(|(w, since)| !since && (first_wins || *w == why))
                {
                    continue;
                }
                for &b in unit_buckets.get(&unit).into_iter().flatten() {
                    s3::unknown_setting(&mut model.buckets[b], kind, &why);
                }
                last_unknown.insert((unit, kind), (why, false));
            }
            None => {}
        }
    }

    // 2. Key links through aliases.
    let through_alias = |v: &mut Value<Link<KmsKey>>| {
        if let Some(link) = v.get()
            && let Some(target) = link.target
            && let Some(alias) = aliases.get(&target)
        {
            let key = alias.get().and_then(|l| l.target);
            let (literal, name) = (link.literal.clone(), link.name.clone());
            *v = v.clone().map(|_| Link::new(key, literal, name));
        }
    };
    for t in &mut model.trails {
        through_alias(&mut t.kms_key);
    }
    for g in &mut model.log_groups {
        through_alias(&mut g.kms_key);
    }
    for b in &mut model.buckets {
        through_alias(&mut b.sse_kms_key);
    }
    for d in &mut model.delivery_channels {
        through_alias(&mut d.kms_key);
    }
    for s in &mut model.event_data_stores {
        through_alias(&mut s.kms_key);
    }

    // 3. Which stores receive logs.
    fn target<T>(v: &Value<Link<T>>) -> Option<ResourceId> {
        v.get().and_then(|l| l.target)
    }
    let mut bucket_sources: Vec<(ResourceId, LogSource)> = Vec::new();
    let mut group_sources: Vec<(ResourceId, LogSource)> = Vec::new();
    // Each source with the key prefix it writes under (services.md 4.21).
    use super::logs::{aws_logs_prefix, raw_prefix};
    for t in &model.trails {
        if let Some(b) = target(&t.bucket) {
            bucket_sources.push((
                b,
                LogSource {
                    key_prefix: aws_logs_prefix(&t.s3_key_prefix),
                    ..LogSource::new(LogSourceKind::CloudTrail, Some(t.id))
                },
            ));
        }
        if let Some(g) = target(&t.cloudwatch_log_group) {
            group_sources.push((g, LogSource::new(LogSourceKind::CloudTrail, Some(t.id))));
        }
    }
    for f in &model.flow_logs {
        if let Some(d) = target(&f.destination) {
            match model.store_of(d) {
                Some(Store::Bucket(_)) => bucket_sources.push((
                    d,
                    LogSource {
                        key_prefix: f.destination_prefix.clone(),
                        ..LogSource::new(LogSourceKind::FlowLogs, Some(f.id))
                    },
                )),
                Some(Store::LogGroup(_)) => {
                    group_sources.push((d, LogSource::new(LogSourceKind::FlowLogs, Some(f.id))))
                }
                None => {}
            }
        }
    }
    for d in &model.delivery_channels {
        if let Some(b) = target(&d.bucket) {
            bucket_sources.push((
                b,
                LogSource {
                    key_prefix: aws_logs_prefix(&d.s3_key_prefix),
                    ..LogSource::new(LogSourceKind::Config, Some(d.id))
                },
            ));
        }
    }
    for b in &model.buckets {
        if let Some(t) = target(&b.access_log_target) {
            bucket_sources.push((
                t,
                LogSource {
                    key_prefix: raw_prefix(&b.access_log_prefix),
                    ..LogSource::new(LogSourceKind::AccessLogs, Some(b.id))
                },
            ));
        }
    }
    for s in &model.access_log_senders {
        if let Some(b) = target(&s.bucket) {
            bucket_sources.push((
                b,
                LogSource {
                    key_prefix: s.key_prefix.clone(),
                    ..LogSource::new(s.kind, Some(s.id))
                },
            ));
        }
    }
    // Service logs (services.md section 0 "Coupling"): their destinations are log stores.
    if service_logs_are_security_logs {
        let workload_stores = super::workloads::log_destinations(model, names, scopes);
        for (store, source) in service_stores.into_iter().chain(workload_stores) {
            match model.store_of(store) {
                Some(Store::Bucket(_)) => bucket_sources.push((store, source)),
                Some(Store::LogGroup(_)) => group_sources.push((store, source)),
                None => {}
            }
        }
    }
    for (b, source) in bucket_sources {
        if let Some(i) = model.id_of::<Bucket>(b) {
            model[i].log_sources.push(source);
        }
    }
    for (g, source) in group_sources {
        if let Some(i) = model.id_of::<LogGroup>(g) {
            model[i].log_sources.push(source);
        }
    }
    for b in &mut model.buckets {
        b.log_sources.sort();
        b.log_sources.dedup();
    }
    for g in &mut model.log_groups {
        g.log_sources.sort();
        g.log_sources.dedup();
    }

    mark_configured(model, log_buckets, log_groups);

    // 4. What each key encrypts.
    let m = &*model;
    let key_of = |id: ResourceId| -> Option<Id<KmsKey>> {
        m.id_of::<KmsKey>(id)
            .or_else(|| aliases.get(&id).and_then(|a| a.get()).and_then(|l| m.target(l)))
    };
    let log_bucket = |id: ResourceId| m.get::<Bucket>(id).is_some_and(|b| b.is_log_bucket());
    let security_group = |id: ResourceId| m.get::<LogGroup>(id).is_some_and(|g| !g.log_sources.is_empty());
    // What a trail refers to (its SNS topic, its role) is part of logging too.
    let mut trail_parts = std::collections::HashSet::new();
    for (u, unit) in units.iter().enumerate() {
        for raw in unit
            .resources
            .iter()
            .filter(|r| kinds::kind_of(&r.resource_type).is_some_and(|k| k.has(Role::Trail)))
        {
            for p in &raw.props {
                trail_parts.extend(
                    p.val
                        .refs()
                        .iter()
                        .filter_map(|r| unit_maps[u].get(&r.address).copied()),
                );
            }
        }
    }
    let mut uses: Vec<(Id<KmsKey>, ResourceId, bool)> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        for raw in &unit.resources {
            // The properties that name its keys: declared by its kind, or any.
            let declared = kinds::key_properties(&raw.resource_type);
            if declared.is_some_and(|keys| keys.is_empty()) {
                continue;
            }
            let kind = kinds::kind_of(&raw.resource_type);
            let role = |r: Role| kind.is_some_and(|k| k.has(r));
            let mut id = unit_maps[u][super::instance_key(raw)];
            let mut found = Vec::new();
            let view = View::new(raw.lang, &raw.props);
            let names_keys = |p: &&Prop| declared.is_none_or(|keys| keys.iter().any(|&k| view.name(k) == Some(&p.key)));
            for p in raw.props.iter().filter(names_keys) {
                key_refs(&p.val, &unit_maps[u], names, scopes, id, &mut found);
            }
            let is_log = if role(Role::LogStore) {
                true
            } else if role(Role::Bucket) {
                log_bucket(id)
            } else if role(Role::LogGroup) {
                security_group(id)
            } else if role(Role::BucketEncryption) {
                match setting_bucket(raw, &unit_maps[u]) {
                    // Name the bucket, not its settings resource.
                    Some(b) if m.is::<Bucket>(b) => {
                        id = b;
                        log_bucket(b)
                    }
                    _ => false,
                }
            } else {
                trail_parts.contains(&id)
            };
            for r in found {
                if let Some(k) = key_of(r) {
                    uses.push((k, id, is_log));
                }
            }
        }
    }
    uses.sort();
    uses.dedup();
    for (k, by, is_log) in uses {
        let key = &mut model[k];
        if is_log {
            key.log_uses.push(by)
        } else {
            key.other_uses.push(by)
        }
    }
}

/// The bucket a split settings resource configures, by reference.
fn setting_bucket(raw: &crate::frontend::RawResource, unit: &HashMap<String, ResourceId>) -> Option<ResourceId> {
    let p = raw.props.iter().find(|p| p.key == "bucket")?;
    p.val.refs().iter().find_map(|r| unit.get(&r.address).copied())
}

/// Resources a value refers to (directly, inside text, or by `alias/...` name).
fn key_refs(
    v: &EVal,
    unit: &HashMap<String, ResourceId>,
    names: &Names,
    scopes: &Scopes,
    from: ResourceId,
    out: &mut Vec<ResourceId>,
) {
    match &v.v {
        V::Ref(_) | V::Unknown { .. } => out.extend(v.refs().iter().filter_map(|r| unit.get(&r.address).copied())),
        V::Str(s) if s.contains("alias/") => {
            let alias = &s[s.find("alias/").unwrap_or(0)..];
            out.extend(names.key_aliases.get(alias, from, scopes));
        }
        V::List(items) => items.iter().for_each(|i| key_refs(i, unit, names, scopes, from, out)),
        V::Map(props) => props
            .iter()
            .for_each(|p| key_refs(&p.val, unit, names, scopes, from, out)),
        _ => {}
    }
}

/// Marks buckets and log groups named in the configuration (`log_buckets`, `log_groups`).
fn mark_configured(model: &mut Model, log_buckets: &[String], log_groups: &[String]) {
    let configured = LogSource::new(LogSourceKind::Configured, None);
    for b in &mut model.buckets {
        if b.name
            .get()
            .is_some_and(|n| log_buckets.iter().any(|c| bucket_name(c) == n))
        {
            b.log_sources.push(configured.clone());
        }
    }
    for g in &mut model.log_groups {
        if g.name.get().is_some_and(|n| log_groups.contains(n)) {
            g.log_sources.push(configured.clone());
        }
    }
}
