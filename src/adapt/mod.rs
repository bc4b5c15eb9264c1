//! Adapters: evaluated front-end resources -> the typed model. One adapter per AWS
//! resource kind serves both languages: it names each property in both vocabularies
//! (`K::both("is_multi_region_trail", "IsMultiRegionTrail")`), and the [`View`] picks the one
//! the resource was written in. Links between resources are resolved here, once.

mod cloudtrail;
mod fields;
mod governance;
pub mod kinds;
mod kms;
pub mod links;
mod logs;
mod monitoring;
mod monitoring_links;
mod policy;
mod s3;
mod service_links;
mod services;
mod workloads;

use std::collections::HashMap;

use crate::frontend::{EVal, Lang, Prop, RawResource, Unit, V};
use crate::model::{Instance, Link, Model, Resource, ResourceId, Value};
use kinds::NameSpace;

/// A property name in Terraform and in CloudFormation; a property that exists in one
/// language only has no name in the other (it then reads as absent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct K {
    terraform: Option<&'static str>,
    cloudformation: Option<&'static str>,
}

impl K {
    /// The same property in both languages.
    pub const fn both(terraform: &'static str, cloudformation: &'static str) -> K {
        K {
            terraform: Some(terraform),
            cloudformation: Some(cloudformation),
        }
    }
    /// A Terraform-only property (or nested block).
    pub const fn tf(terraform: &'static str) -> K {
        K {
            terraform: Some(terraform),
            cloudformation: None,
        }
    }
    /// A CloudFormation-only property.
    pub const fn cfn(cloudformation: &'static str) -> K {
        K {
            terraform: None,
            cloudformation: Some(cloudformation),
        }
    }
}

/// Which resources front ends evaluate: all of them, since any resource may use a log
/// key (KMS-02) or send logs somewhere; adapters type only the kinds they know.
pub fn wanted(_resource_type: &str) -> bool {
    true
}

/// A read-only view of a resource's (or nested block's) properties.
#[derive(Clone, Copy)]
pub struct View<'a> {
    lang: Lang,
    props: &'a [Prop],
}

impl<'a> View<'a> {
    pub fn new(lang: Lang, props: &'a [Prop]) -> Self {
        View { lang, props }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The property's name in this view's language, if it has one there.
    pub fn name(&self, k: K) -> Option<&'static str> {
        match self.lang {
            Lang::Terraform => k.terraform,
            Lang::CloudFormation => k.cloudformation,
        }
    }

    pub fn prop(&self, k: K) -> Option<&'a Prop> {
        let name = self.name(k)?;
        self.props.iter().find(|p| p.key == name && p.val.v != V::Null)
    }

    /// `expected` names what `read` accepts (`a string`), for the reason of an unreadable value.
    fn value<T: PartialEq + Clone>(
        &self,
        k: K,
        default: Option<T>,
        expected: &str,
        read: impl Fn(&EVal) -> Option<T>,
    ) -> Value<T> {
        match self.prop(k) {
            None => match default {
                Some(d) => Value::default(d),
                None => Value::absent(),
            },
            Some(p) => match &p.val.v {
                V::OneOf { alts, .. } => one_of(p, alts, default, expected, read),
                _ => match read(&p.val) {
                    Some(v) => Value::explicit(v, Some(p.span), p.val.prov.clone()),
                    None => Value::unknown(unreadable_prop(p, expected), Some(p.span), p.val.prov.clone()),
                },
            },
        }
    }

    pub fn bool(&self, k: K, default: bool) -> Value<bool> {
        self.value(k, Some(default), "a boolean", EVal::as_bool)
    }

    /// A boolean whose default differs between the two languages.
    pub fn bool_defaults(&self, k: K, terraform: bool, cloudformation: bool) -> Value<bool> {
        let default = match self.lang {
            Lang::Terraform => terraform,
            Lang::CloudFormation => cloudformation,
        };
        self.bool(k, default)
    }

    pub fn num(&self, k: K, default: Option<f64>) -> Value<f64> {
        self.value(k, default, "a number", EVal::as_num)
    }

    pub fn text(&self, k: K) -> Value<String> {
        self.value(k, None, "a string", EVal::as_text)
    }

    /// The items of a list property or of repeated blocks, with the property.
    /// `Err` carries the property when the list itself (or one of its items) is unknown.
    pub fn items(&self, k: K) -> Result<Option<(&'a Prop, Vec<View<'a>>)>, &'a Prop> {
        let Some(p) = self.prop(k) else { return Ok(None) };
        let list: Vec<&EVal> = match &p.val.v {
            V::List(items) => items.iter().collect(),
            V::Map(_) => vec![&p.val],
            _ => return Err(p),
        };
        let mut views = Vec::new();
        for item in list {
            match &item.v {
                V::Map(props) => views.push(View::new(self.lang, props)),
                _ => return Err(p),
            }
        }
        Ok(Some((p, views)))
    }

    /// The first item of a block list or nested object, with the property; `Err` when unknown.
    pub fn first(&self, k: K) -> Result<Option<(&'a Prop, View<'a>)>, &'a Prop> {
        Ok(self
            .items(k)?
            .and_then(|(p, items)| items.into_iter().next().map(|i| (p, i))))
    }

    /// A document property (`EventPattern`, `PolicyDocument`, `event_pattern`, `policy`)
    /// as structure: written as a map/list, or as a JSON string (also `Fn::Sub` of one or
    /// Terraform's `jsonencode`) whose text is known. `Err` carries the property when its
    /// value is unknown or not JSON.
    pub fn document(&self, k: K) -> Result<Option<(&'a Prop, EVal)>, &'a Prop> {
        let Some(p) = self.prop(k) else { return Ok(None) };
        match p.val.as_document() {
            Some(d) => Ok(Some((p, d))),
            None => Err(p),
        }
    }

    /// Strings of a list property (`values`, `Equals`); `None` when unknown.
    pub fn strings(&self, k: K) -> Option<Vec<String>> {
        match self.prop(k).map(|p| &p.val.v) {
            None => Some(Vec::new()),
            Some(V::List(items)) => items.iter().map(EVal::as_text).collect(),
            Some(_) => self.prop(k).and_then(|p| p.val.as_text()).map(|s| vec![s]),
        }
    }
}

/// Reads a property that has one of several values: every alternative is read the same
/// way (an absent one takes the default); the value is known when they all agree.
/// Alternatives are flat (front ends never nest `OneOf`), so this is linear in their number.
fn one_of<T: PartialEq + Clone>(
    p: &Prop,
    alts: &[Option<EVal>],
    default: Option<T>,
    expected: &str,
    read: impl Fn(&EVal) -> Option<T>,
) -> Value<T> {
    let unknown = || Value::unknown(unreadable_prop(p, expected), Some(p.span), p.val.prov.clone());
    let mut agreed: Option<Option<T>> = None;
    let mut prov = p.val.prov.clone();
    for alt in alts {
        let v = match alt {
            None => default.clone(),
            Some(e) if e.v == V::Null => default.clone(),
            Some(e) => match read(e) {
                Some(v) => {
                    for step in &e.prov {
                        if !prov.contains(step) {
                            prov.push(step.clone());
                        }
                    }
                    Some(v)
                }
                None => return unknown(),
            },
        };
        match &agreed {
            Some(prev) if *prev != v => return unknown(),
            _ => agreed = Some(v),
        }
    }
    match agreed {
        Some(Some(v)) => Value::explicit(v, Some(p.span), prov),
        Some(None) => Value::empty(Some(p.span), prov),
        None => unknown(),
    }
}

pub(crate) use crate::frontend::kind_of;

/// The reason of the first unknown value in `v` (itself, or an item or property inside
/// it, such as the placeholder a `dynamic` block with an unknown `for_each` leaves).
fn first_unknown(v: &EVal, depth: usize) -> Option<String> {
    match &v.v {
        V::Unknown { why, .. } | V::OneOf { why, .. } => Some(why.clone()),
        V::Ref(r) => Some(format!("{}.{}", r.address, r.attr)),
        _ if depth == 0 => None,
        V::List(items) => items.iter().find_map(|i| first_unknown(i, depth - 1)),
        V::Map(props) => props.iter().find_map(|p| first_unknown(&p.val, depth - 1)),
        _ => None,
    }
}

/// Why property `key`'s value `v` could not be read as `expected` (`a string`, `a block`):
/// the reason of the unknown value it is or holds, else what it is instead
/// (`logging_level: expected a string, got a list`).
pub(crate) fn unreadable(key: &str, v: &EVal, expected: &str) -> String {
    first_unknown(v, 4).unwrap_or_else(|| format!("{key}: expected {expected}, got {}", kind_of(&v.v)))
}

/// [`unreadable`] for a property.
pub(crate) fn unreadable_prop(p: &Prop, expected: &str) -> String {
    unreadable(&p.key, &p.val, expected)
}

/// Resolution context for one resource.
pub struct Ctx<'a> {
    /// The unit's resources by instance address.
    unit: &'a HashMap<String, ResourceId>,
    names: &'a Names,
    scopes: &'a Scopes,
    /// The resource being adapted.
    me: ResourceId,
    resource_type: &'a str,
}

/// The unit and instance of every resource, for instance-aware links.
#[derive(Default)]
pub struct Scopes(Vec<(usize, Instance)>);

impl Scopes {
    /// 0 other unit; 1 same unit; 2.. same module instance (see [`Instance::affinity`]).
    pub fn affinity(&self, a: ResourceId, b: ResourceId) -> u8 {
        match (self.0.get(a.0), self.0.get(b.0)) {
            (Some((ua, ia)), Some((ub, ib))) if ua == ub => 1 + ia.affinity(ib),
            _ => 0,
        }
    }

    /// The candidate closest to `from`: same instance, then same module instance, then
    /// same unit, then the scan; the first declared among equals.
    pub fn pick(&self, from: ResourceId, candidates: &[ResourceId]) -> Option<ResourceId> {
        let mut best: Option<(u8, ResourceId)> = None;
        for &id in candidates {
            let a = self.affinity(from, id);
            if best.is_none_or(|(b, _)| a > b) {
                best = Some((a, id));
                if a == 4 {
                    break;
                }
            }
        }
        best.map(|(_, id)| id)
    }
}

/// Resources findable by their literal names.
#[derive(Default)]
pub struct Names {
    buckets: NameIndex,
    log_groups: NameIndex,
    /// `alias/name` -> the alias resource.
    key_aliases: NameIndex,
}

impl Names {
    fn index(&mut self, space: NameSpace) -> &mut NameIndex {
        match space {
            NameSpace::Bucket => &mut self.buckets,
            NameSpace::LogGroup => &mut self.log_groups,
            NameSpace::KeyAlias => &mut self.key_aliases,
        }
    }
}

/// Resources by name. Several units or instances may declare the same name (examples
/// of one module, a module called once per region): a lookup prefers the asker's own
/// instance, then its module instance, then its unit, then the first declared.
#[derive(Default)]
pub struct NameIndex(HashMap<String, Vec<ResourceId>>);

impl NameIndex {
    fn insert(&mut self, name: String, id: ResourceId) {
        self.0.entry(name).or_default().push(id);
    }
    pub fn get(&self, name: &str, from: ResourceId, scopes: &Scopes) -> Option<ResourceId> {
        scopes.pick(from, self.0.get(name)?)
    }
}

/// What a link property holds, for the reason of an unreadable one.
const LINK: &str = "a reference, name or ARN";

/// What kind of resource a literal name or ARN points at.
#[derive(Clone, Copy)]
pub enum LinkKind {
    Bucket,
    LogGroup,
    Key,
    Other,
}

impl Ctx<'_> {
    /// The type of the resource being adapted.
    pub fn resource_type(&self) -> &str {
        self.resource_type
    }

    /// A link property: by reference (also inside unknown text like `"${x.arn}:*"`) or by name.
    pub fn link<T>(&self, view: &View, k: K, kind: LinkKind) -> Value<Link<T>> {
        let Some(p) = view.prop(k) else { return Value::absent() };
        let V::OneOf { alts, .. } = &p.val.v else {
            return self.link_value(p, &p.val, kind);
        };
        // One of several values: linked when every alternative gives the same link.
        let mut agreed: Option<Value<Link<T>>> = None;
        for alt in alts {
            let v = match alt {
                Some(e) if e.v != V::Null => self.link_value(p, e, kind),
                _ => Value::absent(),
            };
            if v.is_unknown() {
                return Value::unknown(unreadable_prop(p, LINK), Some(p.span), p.val.prov.clone());
            }
            match &agreed {
                Some(prev) if prev.get() != v.get() || prev.is_missing() != v.is_missing() => {
                    return Value::unknown(unreadable_prop(p, LINK), Some(p.span), p.val.prov.clone());
                }
                _ => agreed = Some(v),
            }
        }
        match agreed {
            Some(v) if v.is_missing() => Value::empty(Some(p.span), p.val.prov.clone()),
            Some(mut v) => {
                v.span = Some(p.span);
                v
            }
            None => Value::unknown(unreadable_prop(p, LINK), Some(p.span), p.val.prov.clone()),
        }
    }

    /// The link of each item of a list property (`alarm_actions`, `AlarmActions`); an empty
    /// list when the property is absent, one unknown link when the list itself is unknown.
    pub fn link_items<T>(&self, view: &View, k: K, kind: LinkKind) -> Vec<Value<Link<T>>> {
        let Some(p) = view.prop(k) else { return Vec::new() };
        match &p.val.v {
            V::List(items) => items.iter().map(|i| self.link_value(p, i, kind)).collect(),
            V::OneOf { .. } => vec![self.link(view, k, kind)],
            _ => vec![self.link_value(p, &p.val, kind)],
        }
    }

    /// The link one value (of property `p`) gives.
    fn link_value<T>(&self, p: &Prop, val: &EVal, kind: LinkKind) -> Value<Link<T>> {
        // An empty name or ARN means "none" to the providers (`kms_key_id = ""`).
        if matches!(&val.v, V::Str(s) if s.is_empty()) {
            return Value::empty(Some(p.span), val.prov.clone());
        }
        let span = Some(p.span);
        // A reference to an undeclared resource (invalid configuration, noted by the front
        // end) is known to point at no declared resource.
        if val.is_undeclared() {
            return Value::explicit(Link::default(), span, val.prov.clone());
        }
        let target = val.refs().into_iter().find_map(|r| self.unit.get(&r.address).copied());
        if let Some(target) = target {
            return Value::explicit(Link::new(Some(target), None, None), span, val.prov.clone());
        }
        match val.as_text() {
            Some(text) => {
                let name = normalised_name(&text, kind).to_string();
                let target = match kind {
                    LinkKind::Bucket => self.names.buckets.get(&name, self.me, self.scopes),
                    LinkKind::LogGroup => self.names.log_groups.get(&name, self.me, self.scopes),
                    LinkKind::Key => self.names.key_aliases.get(&name, self.me, self.scopes),
                    LinkKind::Other => None,
                };
                Value::explicit(Link::new(target, Some(text), Some(name)), span, val.prov.clone())
            }
            None => Value::unknown(unreadable(&p.key, val, LINK), span, val.prov.clone()),
        }
    }
}

/// The name a literal reference designates, for the kind it points at: the bucket name in
/// an S3 ARN or domain, the log group name in a log group ARN (`...:log-group:NAME:*`),
/// `alias/NAME` in an alias ARN; other literals are their own name.
pub fn normalised_name(text: &str, kind: LinkKind) -> &str {
    match kind {
        LinkKind::Bucket => bucket_name(text),
        LinkKind::LogGroup => match text.find(":log-group:") {
            Some(i) => text[i + 11..].trim_end_matches(":*"),
            None => text,
        },
        LinkKind::Key => match text.find(":alias/") {
            Some(i) => &text[i + 1..],
            None => text,
        },
        LinkKind::Other => text,
    }
}

/// The bucket name in a name, an S3 ARN (`arn:aws:s3:::name/prefix`) or a domain name
/// (`name.s3.amazonaws.com`).
pub fn bucket_name(text: &str) -> &str {
    let name = text.rsplit(":::").next().unwrap_or(text);
    let name = name.split('/').next().unwrap_or(name);
    name.split(".s3.")
        .next()
        .unwrap_or(name)
        .trim_end_matches(".s3.amazonaws.com")
}

/// Builds the model from all units. Units must come in a deterministic order.
pub fn build(units: &[Unit]) -> Model {
    build_with(units, true, &[], &[])
}

/// [`build`], saying whether the destinations of service logs (load balancers, API
/// Gateway, CloudFront, WAF) join the log-store sets (config `service_logs_are_security_logs`),
/// and with the buckets and log groups the configuration lists as log stores (`log_buckets`,
/// `log_groups`) marked before key uses are computed, so that their keys are log keys too.
pub fn build_with(
    units: &[Unit],
    service_logs_are_security_logs: bool,
    log_buckets: &[String],
    log_groups: &[String],
) -> Model {
    use rayon::prelude::*;
    let mut model = Model::default();
    let mut names = Names::default();
    let mut scopes = Scopes::default();
    // Each unit's resources, key map and names, in parallel (the ids are known from the
    // units' sizes); then put together in unit order.
    let mut first = Vec::with_capacity(units.len());
    let mut next = 0;
    for unit in units {
        first.push(next);
        next += unit.resources.len();
    }
    #[allow(clippy::type_complexity)]
    let built: Vec<(
        Vec<Resource>,
        HashMap<String, ResourceId>,
        Vec<(NameSpace, String, ResourceId)>,
        Vec<(usize, Instance)>,
    )> = units
        .par_iter()
        .zip(&first)
        .enumerate()
        .map(|(u, (unit, &first))| {
            let mut scope = Vec::with_capacity(unit.resources.len());
            let mut map = HashMap::with_capacity(unit.resources.len());
            let mut resources = Vec::with_capacity(unit.resources.len());
            let mut named = Vec::new();
            for (i, raw) in unit.resources.iter().enumerate() {
                let id = ResourceId(first + i);
                map.insert(instance_key(raw).to_string(), id);
                resources.push(Resource {
                    address: raw.address.clone(),
                    resource_type: raw.resource_type.clone(),
                    iac: raw.iac,
                    header: raw.header,
                    instances: raw.instances.clone(),
                    instance: raw.instance.clone(),
                    context: raw.context.clone(),
                    exists_if: raw.exists_if.clone(),
                    module_calls: raw.module_calls.clone(),
                });
                scope.push((u, raw.instance.clone()));
                if let Some((space, key)) = kinds::kind_of(&raw.resource_type).and_then(|k| k.named)
                    && let Some(name) = View::new(raw.lang, &raw.props).text(key).get()
                {
                    named.push((space, name.clone(), id));
                }
            }
            (resources, map, named, scope)
        })
        .collect();
    model.resources.reserve(next);
    model.unit_of.reserve(next);
    scopes.0.reserve(next);
    let mut unit_maps = Vec::with_capacity(units.len());
    for (u, (resources, map, named, scope)) in built.into_iter().enumerate() {
        model.unit_of.extend(std::iter::repeat_n(u, resources.len()));
        scopes.0.extend(scope);
        model.resources.extend(resources);
        for (space, name, id) in named {
            names.index(space).insert(name, id);
        }
        unit_maps.push(map);
    }
    let mut pending = links::Pending::default();
    for (unit, map) in units.iter().zip(&unit_maps) {
        for raw in &unit.resources {
            let Some(kind) = kinds::kind_of(&raw.resource_type) else {
                continue;
            };
            let me = map[instance_key(raw)];
            let ctx = Ctx {
                unit: map,
                names: &names,
                scopes: &scopes,
                me,
                resource_type: &raw.resource_type,
            };
            (kind.adapt)(&mut model, &ctx, me, &View::new(raw.lang, &raw.props), &mut pending);
        }
    }
    // Each kind's vector is in resource order: what `Model::id_of` looks up by.
    debug_assert!(model.check_kinds());
    model.aws_provider = units.iter().map(|u| u.aws_provider).collect();
    gate_deletion_protection(&mut model);
    links::resolve(
        &mut model,
        units,
        &unit_maps,
        &names,
        &scopes,
        pending,
        service_logs_are_security_logs,
        (log_buckets, log_groups),
    );
    fields::stamp(&mut model);
    model
}

/// The first AWS provider version with `aws_cloudwatch_log_group.deletion_protection_enabled`.
const DELETION_PROTECTION_SINCE: [u64; 3] = [6, 25, 0];

/// Terraform log groups: `deletion_protection_enabled` exists from provider v6.25.0
/// (services.md 4.13). Evaluated when the root's provider version is known to be at least
/// that; not at all when its lock file selects an older one; unknown otherwise. In plan
/// JSON, evaluated when the attribute is in the planned values.
fn gate_deletion_protection(model: &mut Model) {
    // Written `true` passes whatever the version: only a failure needs the argument to exist.
    for g in model.log_groups.iter_mut().filter(|g| !g.deletion_protection.is_true()) {
        let r = &model.resources[g.id.0];
        match r.iac {
            crate::model::Iac::CloudFormation => {}
            crate::model::Iac::TerraformPlan => {
                if !g.deletion_protection.is_set() {
                    g.deletion_protection = Value::absent();
                }
            }
            crate::model::Iac::Terraform => {
                let version = model
                    .aws_provider
                    .get(model.unit_of[g.id.0])
                    .copied()
                    .unwrap_or_default();
                match version.at_least(DELETION_PROTECTION_SINCE) {
                    Some(true) => {}
                    Some(false) => g.deletion_protection = Value::absent(),
                    None => {
                        g.deletion_protection = Value::unknown(
                            "the AWS provider version (deletion_protection_enabled exists from v6.25.0; \
                             no .terraform.lock.hcl or required_providers lower bound says which)",
                            g.deletion_protection.span,
                            g.deletion_protection.provenance.clone(),
                        )
                    }
                }
            }
        }
    }
}

/// The address references use for a resource: its (module-qualified) instance address
/// when it has one, else its address.
pub(crate) fn instance_key(raw: &RawResource) -> &str {
    raw.instances.first().unwrap_or(&raw.address)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn prop(key: &str, v: V) -> Prop {
        Prop {
            key: key.into(),
            span: Span::default(),
            val: EVal::new(v, None),
        }
    }

    #[test]
    fn unreadable_values_say_what_and_why() {
        let list = prop("logging_level", V::List(vec![EVal::new(V::Str("INFO".into()), None)]));
        let props = [list];
        let view = View::new(Lang::Terraform, &props);
        assert_eq!(
            view.text(K::tf("logging_level")).unresolved(),
            Some("logging_level: expected a string, got a list")
        );
        // A dynamic block with an unknown for_each leaves an unknown item: its reason wins.
        let dynamic = prop(
            "access_logs",
            V::List(vec![EVal::unknown(
                "dynamic \"access_logs\" block with unknown for_each (var.logs)",
                None,
            )]),
        );
        assert_eq!(
            unreadable_prop(&dynamic, "a block"),
            "dynamic \"access_logs\" block with unknown for_each (var.logs)"
        );
        assert_eq!(
            unreadable_prop(&prop("access_logs", V::Str("on".into())), "a block"),
            "access_logs: expected a block, got a string"
        );
    }
}
