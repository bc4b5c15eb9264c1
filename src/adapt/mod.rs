//! Adapters: evaluated front-end resources -> the typed model. One adapter per AWS
//! resource kind serves both languages: it names each property in both vocabularies
//! (`K("is_multi_region_trail", "IsMultiRegionTrail")`), and the [`View`] picks the one
//! the resource was written in. Links between resources are resolved here, once.

mod cloudtrail;
mod kms;
pub mod links;
mod logs;
mod monitoring;
mod monitoring_links;
mod policy;
mod s3;

use std::collections::HashMap;

use crate::frontend::{EVal, Lang, Prop, RawResource, Unit, V};
use crate::model::{Link, Model, Resource, ResourceId, Value};

/// A property name in Terraform and in CloudFormation.
#[derive(Clone, Copy)]
pub struct K(pub &'static str, pub &'static str);

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

    pub fn name(&self, k: K) -> &'static str {
        match self.lang {
            Lang::Terraform => k.0,
            Lang::CloudFormation => k.1,
        }
    }

    pub fn prop(&self, k: K) -> Option<&'a Prop> {
        let name = self.name(k);
        self.props.iter().find(|p| p.key == name && p.val.v != V::Null)
    }

    fn value<T: PartialEq + Clone>(&self, k: K, default: Option<T>, read: impl Fn(&EVal) -> Option<T>) -> Value<T> {
        match self.prop(k) {
            None => match default {
                Some(d) => Value::default(d),
                None => Value::absent(),
            },
            Some(p) => match &p.val.v {
                V::OneOf { alts, .. } => one_of(p, alts, default, read),
                _ => match read(&p.val) {
                    Some(v) => Value::explicit(v, Some(p.span), p.val.prov.clone()),
                    None => Value::unknown(unknown_reason(&p.val), Some(p.span), p.val.prov.clone()),
                },
            },
        }
    }

    pub fn bool(&self, k: K, default: bool) -> Value<bool> {
        self.value(k, Some(default), EVal::as_bool)
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
        self.value(k, default, EVal::as_num)
    }

    pub fn text(&self, k: K) -> Value<String> {
        self.value(k, None, EVal::as_text)
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
    read: impl Fn(&EVal) -> Option<T>,
) -> Value<T> {
    let unknown = || Value::unknown(unknown_reason(&p.val), Some(p.span), p.val.prov.clone());
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

fn unknown_reason(v: &EVal) -> String {
    match &v.v {
        V::Unknown { why, .. } | V::OneOf { why, .. } => why.clone(),
        V::Ref(r) => format!("{}.{}", r.address, r.attr),
        _ => "value of an unexpected type".to_string(),
    }
}

/// Resolution context for one unit.
pub struct Ctx<'a> {
    unit: &'a HashMap<String, ResourceId>,
    /// The ids of this unit's resources (handed out unit by unit, so contiguous).
    ids: std::ops::Range<usize>,
    names: &'a Names,
}

/// Resources findable by their literal names.
#[derive(Default)]
pub struct Names {
    buckets: NameIndex,
    log_groups: NameIndex,
    /// `alias/name` -> the alias resource.
    key_aliases: NameIndex,
}

/// Resources by name. Several units may declare the same name (examples of one module):
/// a lookup prefers the resource of the unit that asks, then the first declared.
#[derive(Default)]
pub struct NameIndex(HashMap<String, Vec<ResourceId>>);

impl NameIndex {
    fn insert(&mut self, name: String, id: ResourceId) {
        self.0.entry(name).or_default().push(id);
    }
    pub fn get(&self, name: &str, prefer: &std::ops::Range<usize>) -> Option<ResourceId> {
        let ids = self.0.get(name)?;
        ids.iter().find(|id| prefer.contains(&id.0)).or(ids.first()).copied()
    }
}

/// What kind of resource a literal name or ARN points at.
#[derive(Clone, Copy)]
pub enum LinkKind {
    Bucket,
    LogGroup,
    Key,
    Other,
}

impl Ctx<'_> {
    /// A link property: by reference (also inside unknown text like `"${x.arn}:*"`) or by name.
    pub fn link(&self, view: &View, k: K, kind: LinkKind) -> Value<Link> {
        let Some(p) = view.prop(k) else { return Value::absent() };
        let V::OneOf { alts, .. } = &p.val.v else {
            return self.link_value(p, &p.val, kind);
        };
        // One of several values: linked when every alternative gives the same link.
        let mut agreed: Option<Value<Link>> = None;
        for alt in alts {
            let v = match alt {
                Some(e) if e.v != V::Null => self.link_value(p, e, kind),
                _ => Value::absent(),
            };
            if v.is_unknown() {
                return Value::unknown(unknown_reason(&p.val), Some(p.span), p.val.prov.clone());
            }
            match &agreed {
                Some(prev) if prev.get() != v.get() || prev.is_missing() != v.is_missing() => {
                    return Value::unknown(unknown_reason(&p.val), Some(p.span), p.val.prov.clone());
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
            None => Value::unknown(unknown_reason(&p.val), Some(p.span), p.val.prov.clone()),
        }
    }

    /// The link one value (of property `p`) gives.
    fn link_value(&self, p: &Prop, val: &EVal, kind: LinkKind) -> Value<Link> {
        // An empty name or ARN means "none" to the providers (`kms_key_id = ""`).
        if matches!(&val.v, V::Str(s) if s.is_empty()) {
            return Value::empty(Some(p.span), val.prov.clone());
        }
        let span = Some(p.span);
        let target = val.refs().into_iter().find_map(|r| self.unit.get(&r.address).copied());
        if let Some(target) = target {
            return Value::explicit(
                Link {
                    target: Some(target),
                    literal: None,
                },
                span,
                val.prov.clone(),
            );
        }
        match val.as_text() {
            Some(text) => {
                let target = self.by_name(&text, kind);
                Value::explicit(
                    Link {
                        target,
                        literal: Some(text),
                    },
                    span,
                    val.prov.clone(),
                )
            }
            None => Value::unknown(unknown_reason(val), span, val.prov.clone()),
        }
    }

    fn by_name(&self, text: &str, kind: LinkKind) -> Option<ResourceId> {
        match kind {
            LinkKind::Bucket => self.names.buckets.get(bucket_name(text), &self.ids),
            LinkKind::LogGroup => {
                let name = match text.find(":log-group:") {
                    Some(i) => text[i + 11..].trim_end_matches(":*"),
                    None => text,
                };
                self.names.log_groups.get(name, &self.ids)
            }
            LinkKind::Key => {
                let alias = match text.find(":alias/") {
                    Some(i) => &text[i + 1..],
                    None => text,
                };
                self.names.key_aliases.get(alias, &self.ids)
            }
            LinkKind::Other => None,
        }
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
    let mut model = Model::default();
    let mut unit_maps = Vec::with_capacity(units.len());
    let mut names = Names::default();
    for unit in units {
        let mut map = HashMap::new();
        for raw in &unit.resources {
            let id = ResourceId(model.resources.len());
            map.insert(instance_key(raw).to_string(), id);
            model.resources.push(Resource {
                address: raw.address.clone(),
                resource_type: raw.resource_type.clone(),
                iac: raw.iac,
                header: raw.header,
                instances: raw.instances.clone(),
                context: raw.context.clone(),
                exists_if: raw.exists_if.clone(),
                suppressions: raw.suppressions.clone(),
            });
            let view = View::new(raw.lang, &raw.props);
            let (index, key) = match raw.resource_type.as_str() {
                "aws_s3_bucket" | "AWS::S3::Bucket" => (&mut names.buckets, K("bucket", "BucketName")),
                "aws_cloudwatch_log_group" | "AWS::Logs::LogGroup" => {
                    (&mut names.log_groups, K("name", "LogGroupName"))
                }
                "aws_kms_alias" | "AWS::KMS::Alias" => (&mut names.key_aliases, K("name", "AliasName")),
                _ => continue,
            };
            if let Some(name) = view.text(key).get() {
                index.insert(name.clone(), id);
            }
        }
        unit_maps.push(map);
    }
    let mut settings = links::Settings::default();
    let mut aliases = HashMap::new();
    for (unit, map) in units.iter().zip(&unit_maps) {
        let ids = match (map.values().min(), map.values().max()) {
            (Some(lo), Some(hi)) => lo.0..hi.0 + 1,
            _ => 0..0,
        };
        let ctx = Ctx {
            unit: map,
            ids,
            names: &names,
        };
        for raw in &unit.resources {
            let id = map[instance_key(raw)];
            adapt(&mut model, &ctx, id, raw, &mut settings, &mut aliases);
        }
    }
    links::resolve(&mut model, units, &unit_maps, &names, settings, &aliases);
    model
}

/// The address references use for a resource: its (module-qualified) instance address
/// when it has one, else its address.
pub(crate) fn instance_key(raw: &RawResource) -> &str {
    raw.instances.first().unwrap_or(&raw.address)
}

fn adapt(
    model: &mut Model,
    ctx: &Ctx,
    id: ResourceId,
    raw: &RawResource,
    settings: &mut links::Settings,
    aliases: &mut HashMap<ResourceId, Value<Link>>,
) {
    let view = View::new(raw.lang, &raw.props);
    let t = raw.resource_type.as_str();
    match t {
        "aws_cloudtrail" | "AWS::CloudTrail::Trail" => model.trails.push(cloudtrail::trail(ctx, id, &view)),
        "aws_cloudtrail_event_data_store" | "AWS::CloudTrail::EventDataStore" => {
            model.event_data_stores.push(cloudtrail::event_data_store(id, &view))
        }
        "aws_s3_bucket" | "AWS::S3::Bucket" => model.buckets.push(s3::bucket(ctx, id, &view)),
        "aws_cloudwatch_log_group" | "AWS::Logs::LogGroup" => model.log_groups.push(logs::log_group(ctx, id, &view)),
        "aws_kms_key" | "AWS::KMS::Key" => model.kms_keys.push(kms::kms_key(id, &view)),
        "aws_kms_alias" | "AWS::KMS::Alias" => {
            aliases.insert(id, kms::alias_target(ctx, &view));
        }
        "aws_flow_log" | "AWS::EC2::FlowLog" => model.flow_logs.push(logs::flow_log(ctx, id, &view)),
        "aws_config_delivery_channel" | "AWS::Config::DeliveryChannel" => {
            model.delivery_channels.push(logs::delivery_channel(ctx, id, &view))
        }
        "aws_cloudwatch_log_metric_filter" | "AWS::Logs::MetricFilter" => {
            model.metric_filters.push(monitoring::metric_filter(ctx, id, &view))
        }
        "aws_cloudwatch_metric_alarm" | "AWS::CloudWatch::Alarm" => {
            model.alarms.push(monitoring::alarm(ctx, id, &view))
        }
        "aws_cloudwatch_event_rule" | "AWS::Events::Rule" => model.event_rules.push(monitoring::event_rule(id, &view)),
        "aws_cloudwatch_event_target" => settings.targets.push((id, monitoring::event_target(ctx, &view))),
        "aws_vpc" | "aws_default_vpc" | "AWS::EC2::VPC" => model.vpcs.push(monitoring::vpc(id, t)),
        "aws_subnet" | "aws_default_subnet" | "AWS::EC2::Subnet" => {
            model.subnets.push(monitoring::subnet(ctx, id, &view))
        }
        "aws_config_configuration_recorder" | "AWS::Config::ConfigurationRecorder" => {
            model.config_recorders.push(monitoring::config_recorder(id, &view))
        }
        "aws_config_configuration_recorder_status" => {
            let (link, enabled) = monitoring::recorder_status(ctx, &view);
            settings.statuses.push((id, link, enabled));
        }
        "aws_config_config_rule"
        | "aws_config_conformance_pack"
        | "aws_config_organization_managed_rule"
        | "aws_config_organization_custom_rule"
        | "aws_config_organization_custom_policy_rule"
        | "aws_config_organization_conformance_pack"
        | "AWS::Config::ConfigRule"
        | "AWS::Config::ConformancePack"
        | "AWS::Config::OrganizationConfigRule"
        | "AWS::Config::OrganizationConformancePack" => model.config_rules.push(id),
        _ => {
            if let Some(sender) = logs::access_log_sender(ctx, id, t, &view) {
                model.access_log_senders.push(sender);
            } else if let Some((bucket, setting)) = s3::setting(ctx, t, &view) {
                settings.add(id, bucket, setting);
            }
        }
    }
}
