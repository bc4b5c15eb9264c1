//! Links resolved once, after every resource is adapted: split bucket settings onto their
//! buckets, key aliases onto keys, which stores receive logs (and why), and which
//! resources each KMS key encrypts.

use std::collections::HashMap;

use super::s3::{self, Setting};
use super::{Names, bucket_name};
use crate::frontend::{EVal, Unit, V};
use crate::model::{Link, LogSource, LogSourceKind, Model, ResourceId, Value};

/// Split bucket settings waiting for their bucket.
#[derive(Default)]
pub struct Settings {
    items: Vec<(ResourceId, Value<Link>, Setting)>,
    /// `aws_cloudwatch_event_target`s and the rule each attaches to.
    pub targets: Vec<(ResourceId, Value<Link>)>,
    /// `aws_config_configuration_recorder_status`: recorder link, `is_enabled`.
    pub statuses: Vec<(ResourceId, Value<Link>, Value<bool>)>,
}

impl Settings {
    pub fn add(&mut self, from: ResourceId, bucket: Value<Link>, setting: Setting) {
        self.items.push((from, bucket, setting));
    }
}

fn index<T>(items: &[T], id: impl Fn(&T) -> ResourceId) -> HashMap<ResourceId, usize> {
    items.iter().enumerate().map(|(i, x)| (id(x), i)).collect()
}

pub fn resolve(
    model: &mut Model,
    units: &[Unit],
    unit_maps: &[HashMap<String, ResourceId>],
    names: &Names,
    settings: Settings,
    aliases: &HashMap<ResourceId, Value<Link>>,
) {
    let buckets = index(&model.buckets, |b| b.id);
    // Resource ids are handed out unit by unit: the unit of a resource is found by range.
    let mut unit_of = vec![0usize; model.resources.len()];
    let mut next = 0;
    for (u, unit) in units.iter().enumerate() {
        for slot in unit_of.iter_mut().skip(next).take(unit.resources.len()) {
            *slot = u;
        }
        next += unit.resources.len();
    }

    super::monitoring_links::resolve(model, &unit_of, &settings.targets, &settings.statuses);
    model.unit_of = unit_of.clone();

    // 1. Split settings onto buckets; settings whose bucket is unknown make that setting
    //    unknown for every bucket of their unit.
    for (from, link, setting) in settings.items {
        match link.get().and_then(|l| l.target).and_then(|t| buckets.get(&t)) {
            Some(&b) => s3::apply(&mut model.buckets[b], setting),
            None if link.is_unknown() => {
                let why = link.unresolved().unwrap_or("unknown").to_string();
                let unit = unit_of[from.0];
                let kind = s3::setting_kind(&setting);
                for b in model.buckets.iter_mut().filter(|b| unit_of[b.id.0] == unit) {
                    s3::unknown_setting(b, kind, &why);
                }
            }
            None => {}
        }
    }

    // 2. Key links through aliases.
    let through_alias = |v: &mut Value<Link>| {
        if let Some(link) = v.get()
            && let Some(target) = link.target
            && let Some(alias) = aliases.get(&target)
        {
            let key = alias.get().and_then(|l| l.target);
            let literal = link.literal.clone();
            *v = v.clone().map(|_| Link { target: key, literal });
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

    // 3. Which stores receive logs.
    let groups = index(&model.log_groups, |g| g.id);
    let target = |v: &Value<Link>| v.get().and_then(|l| l.target);
    let mut bucket_sources: Vec<(ResourceId, LogSource)> = Vec::new();
    let mut group_sources: Vec<(ResourceId, LogSource)> = Vec::new();
    for t in &model.trails {
        if let Some(b) = target(&t.bucket) {
            bucket_sources.push((
                b,
                LogSource {
                    kind: LogSourceKind::CloudTrail,
                    from: Some(t.id),
                },
            ));
        }
        if let Some(g) = target(&t.cloudwatch_log_group) {
            group_sources.push((
                g,
                LogSource {
                    kind: LogSourceKind::CloudTrail,
                    from: Some(t.id),
                },
            ));
        }
    }
    for f in &model.flow_logs {
        if let Some(d) = target(&f.destination) {
            let source = LogSource {
                kind: LogSourceKind::FlowLogs,
                from: Some(f.id),
            };
            if buckets.contains_key(&d) {
                bucket_sources.push((d, source));
            } else if groups.contains_key(&d) {
                group_sources.push((d, source));
            }
        }
    }
    for d in &model.delivery_channels {
        if let Some(b) = target(&d.bucket) {
            bucket_sources.push((
                b,
                LogSource {
                    kind: LogSourceKind::Config,
                    from: Some(d.id),
                },
            ));
        }
    }
    for b in &model.buckets {
        if let Some(t) = target(&b.access_log_target) {
            bucket_sources.push((
                t,
                LogSource {
                    kind: LogSourceKind::AccessLogs,
                    from: Some(b.id),
                },
            ));
        }
    }
    for s in &model.access_log_senders {
        if let Some(b) = target(&s.bucket) {
            bucket_sources.push((
                b,
                LogSource {
                    kind: s.kind,
                    from: Some(s.id),
                },
            ));
        }
    }
    for (b, source) in bucket_sources {
        if let Some(&i) = buckets.get(&b) {
            model.buckets[i].log_sources.push(source);
        }
    }
    for (g, source) in group_sources {
        if let Some(&i) = groups.get(&g) {
            model.log_groups[i].log_sources.push(source);
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

    // 4. What each key encrypts.
    let keys = index(&model.kms_keys, |k| k.id);
    let key_of = |id: ResourceId| -> Option<ResourceId> {
        if keys.contains_key(&id) {
            return Some(id);
        }
        aliases
            .get(&id)
            .and_then(|a| a.get())
            .and_then(|l| l.target)
            .filter(|k| keys.contains_key(k))
    };
    let log_bucket = |id: ResourceId| buckets.get(&id).is_some_and(|&i| model.buckets[i].is_log_bucket());
    // What a trail refers to (its SNS topic, its role) is part of logging too.
    let mut trail_parts = std::collections::HashSet::new();
    for (u, unit) in units.iter().enumerate() {
        for raw in unit
            .resources
            .iter()
            .filter(|r| matches!(r.resource_type.as_str(), "aws_cloudtrail" | "AWS::CloudTrail::Trail"))
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
    let mut uses: Vec<(ResourceId, ResourceId, bool)> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        for raw in &unit.resources {
            let t = raw.resource_type.as_str();
            if !encrypts_with_keys(t) {
                continue;
            }
            let mut id = unit_maps[u][super::instance_key(raw)];
            let mut found = Vec::new();
            for p in &raw.props {
                key_refs(&p.val, &unit_maps[u], names, &mut found);
            }
            let is_log = match t {
                "aws_cloudtrail"
                | "AWS::CloudTrail::Trail"
                | "aws_cloudwatch_log_group"
                | "AWS::Logs::LogGroup"
                | "aws_config_delivery_channel"
                | "AWS::Config::DeliveryChannel"
                | "aws_flow_log"
                | "AWS::EC2::FlowLog" => true,
                "aws_s3_bucket" | "AWS::S3::Bucket" => log_bucket(id),
                "aws_s3_bucket_server_side_encryption_configuration" => match setting_bucket(raw, &unit_maps[u]) {
                    // Name the bucket, not its settings resource.
                    Some(b) if buckets.contains_key(&b) => {
                        id = b;
                        log_bucket(b)
                    }
                    _ => false,
                },
                _ => trail_parts.contains(&id),
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
        let key = &mut model.kms_keys[keys[&k]];
        if is_log {
            key.log_uses.push(by)
        } else {
            key.other_uses.push(by)
        }
    }
}

/// Resource kinds that mention keys without encrypting anything with them.
fn encrypts_with_keys(resource_type: &str) -> bool {
    let t = resource_type.to_ascii_lowercase();
    !(t.starts_with("aws_kms_")
        || t.starts_with("aws::kms::")
        || t.starts_with("aws_iam_")
        || t.starts_with("aws::iam::")
        || t.contains("policy")
        || t.contains("grant"))
}

/// The bucket a split settings resource configures, by reference.
fn setting_bucket(raw: &crate::frontend::RawResource, unit: &HashMap<String, ResourceId>) -> Option<ResourceId> {
    let p = raw.props.iter().find(|p| p.key == "bucket")?;
    p.val.refs().iter().find_map(|r| unit.get(&r.address).copied())
}

/// Resources a value refers to (directly, inside text, or by `alias/...` name).
fn key_refs(v: &EVal, unit: &HashMap<String, ResourceId>, names: &Names, out: &mut Vec<ResourceId>) {
    match &v.v {
        V::Ref(_) | V::Unknown { .. } => out.extend(v.refs().iter().filter_map(|r| unit.get(&r.address).copied())),
        V::Str(s) if s.contains("alias/") => {
            let alias = &s[s.find("alias/").unwrap_or(0)..];
            out.extend(names.key_aliases.get(alias, &(0..0)));
        }
        V::List(items) => items.iter().for_each(|i| key_refs(i, unit, names, out)),
        V::Map(props) => props.iter().for_each(|p| key_refs(&p.val, unit, names, out)),
        _ => {}
    }
}

/// Marks buckets and log groups named in the configuration (`log_buckets`, `log_groups`).
pub fn mark_configured(model: &mut Model, log_buckets: &[String], log_groups: &[String]) {
    let configured = LogSource {
        kind: LogSourceKind::Configured,
        from: None,
    };
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
