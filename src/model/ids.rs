//! Typed ids and links: [`Id<T>`] is a position in the model's vector of `T`; [`Link<T>`]
//! is a reference whose target is a `T` when it is in the scan. [`Kind`] ties each model
//! struct to its vector, so `model.get::<Bucket>(rid)`, `model[id]` and
//! `model.follow(&link)` replace ad-hoc `HashMap<ResourceId, usize>` maps and linear
//! searches.
//!
//! Lookup: the builder adds one model value per resource and kind in resource order
//! (every adapter runs once per resource, in `ResourceId` order), so each kind's vector
//! is sorted by [`ResourceId`] without duplicates: a binary search over it is the index,
//! with no table to build or keep in memory (checked by [`Model::check_kinds`]).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use super::governance::{ConfigAggregator, Role, SnsSubscription, SnsTopic};
use super::services::{
    ApiAccount, ApiStage, Delivery, DeliveryDestination, DeliverySource, Distribution, Listener, LoadBalancer,
    MethodSettings, V2Api, WafLogging, WebAcl,
};
use super::workloads::{
    Broker, Database, Detector, DomainLogs, EksCluster, Firewall, FirewallLogging, HostedZone, QueryLog, Redshift,
    RedshiftLoggingResource, ResolverAssociation, ResolverConfig,
};
use super::{
    AccessLogSender, Alarm, Bucket, ConfigRecorder, DeliveryChannel, EventDataStore, EventRule, FlowLog, KmsKey,
    LogGroup, MetricFilter, Model, ResourceId, Subnet, Trail, Vpc,
};

/// A model struct with its own vector in [`Model`].
pub trait Kind: Sized {
    /// Every value of this kind, sorted by resource.
    fn all(model: &Model) -> &[Self];
    fn all_mut(model: &mut Model) -> &mut [Self];
    /// The resource this value was built from.
    fn resource(&self) -> ResourceId;
}

/// A position in the model's vector of `T`.
pub struct Id<T> {
    index: u32,
    kind: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    fn new(index: usize) -> Id<T> {
        Id {
            index: index as u32,
            kind: PhantomData,
        }
    }
    pub fn index(self) -> usize {
        self.index as usize
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Id<T> {}
impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}
impl<T> Eq for Id<T> {}
impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.index.cmp(&other.index)
    }
}
impl<T> Hash for Id<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.index.hash(state)
    }
}
impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = std::any::type_name::<T>();
        write!(f, "Id<{}>({})", name.rsplit("::").next().unwrap_or(name), self.index)
    }
}

/// The target of a link that may name any resource (a role, a VPC or subnet, an SNS topic
/// by ARN, ...): the link's resource is all there is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Any {}

/// A reference from one resource to a `T`, resolved once by the model builder.
/// All three fields `None` (a known link to nothing) is a reference to a resource the
/// module or template does not declare: the link is known to point at no declared resource.
pub struct Link<T = Any> {
    /// The resource referred to, when it is in the scan (for spans, addresses and
    /// provenance; [`Model::follow`] gives the `T`).
    pub target: Option<ResourceId>,
    /// The literal text when the reference was written as a name or ARN.
    pub literal: Option<String>,
    /// The literal normalised (once, by the adapter) to the name the target kind is known
    /// by: a bucket name from an S3 ARN or domain, a log group name from its ARN, an
    /// `alias/...` from an alias ARN. Rules compare this, never parse the literal.
    pub name: Option<String>,
    kind: PhantomData<fn() -> T>,
}

impl<T> Link<T> {
    pub fn new(target: Option<ResourceId>, literal: Option<String>, name: Option<String>) -> Link<T> {
        Link {
            target,
            literal,
            name,
            kind: PhantomData,
        }
    }
    /// The same reference, with another target kind.
    pub fn cast<U>(self) -> Link<U> {
        Link::new(self.target, self.literal, self.name)
    }
}

impl<T> Default for Link<T> {
    fn default() -> Self {
        Link::new(None, None, None)
    }
}
impl<T> Clone for Link<T> {
    fn clone(&self) -> Self {
        Link::new(self.target, self.literal.clone(), self.name.clone())
    }
}
impl<T> PartialEq for Link<T> {
    fn eq(&self, other: &Self) -> bool {
        self.target == other.target && self.literal == other.literal && self.name == other.name
    }
}
impl<T> fmt::Debug for Link<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Link")
            .field("target", &self.target)
            .field("literal", &self.literal)
            .field("name", &self.name)
            .finish()
    }
}

/// Where logs may be delivered: a bucket, a log group, or another resource (a Firehose
/// stream, ...). The target kind of log-destination links.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    Bucket(Id<Bucket>),
    LogGroup(Id<LogGroup>),
}

/// A target kind a link can be followed to.
pub trait Target {
    type Id: Copy;
    fn resolve(model: &Model, rid: ResourceId) -> Option<Self::Id>;
}

impl<T: Kind> Target for T {
    type Id = Id<T>;
    fn resolve(model: &Model, rid: ResourceId) -> Option<Id<T>> {
        model.id_of(rid)
    }
}

/// Marker for [`Link<LogStore>`]: a log destination (bucket | log group | other).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogStore {}

impl Target for LogStore {
    type Id = Store;
    fn resolve(model: &Model, rid: ResourceId) -> Option<Store> {
        model.store_of(rid)
    }
}

macro_rules! kinds {
    ($($ty:ty => $($field:ident).+;)*) => {
        $(
            impl Kind for $ty {
                fn all(model: &Model) -> &[Self] {
                    &model.$($field).+
                }
                fn all_mut(model: &mut Model) -> &mut [Self] {
                    &mut model.$($field).+
                }
                fn resource(&self) -> ResourceId {
                    self.id
                }
            }
        )*

        impl Model {
            /// Whether every kind's vector is sorted by resource without duplicates (what
            /// [`Model::id_of`] relies on). The model builder asserts it in debug builds.
            pub fn check_kinds(&self) -> bool {
                fn sorted<T: Kind>(m: &Model) -> bool {
                    T::all(m).windows(2).all(|w| w[0].resource() < w[1].resource())
                }
                true $(&& sorted::<$ty>(self))*
            }
        }
    };
}

kinds! {
    Trail => trails;
    EventDataStore => event_data_stores;
    Bucket => buckets;
    LogGroup => log_groups;
    KmsKey => kms_keys;
    FlowLog => flow_logs;
    DeliveryChannel => delivery_channels;
    AccessLogSender => access_log_senders;
    MetricFilter => metric_filters;
    Alarm => alarms;
    EventRule => event_rules;
    Vpc => vpcs;
    Subnet => subnets;
    ConfigRecorder => config_recorders;
    LoadBalancer => services.load_balancers;
    Listener => services.listeners;
    Distribution => services.distributions;
    ApiStage => services.stages;
    MethodSettings => services.method_settings;
    V2Api => services.v2_apis;
    ApiAccount => services.api_accounts;
    WebAcl => services.web_acls;
    WafLogging => services.waf_logging;
    DeliverySource => services.delivery_sources;
    Delivery => services.deliveries;
    DeliveryDestination => services.delivery_destinations;
    Database => workloads.databases;
    EksCluster => workloads.eks_clusters;
    Detector => workloads.detectors;
    DomainLogs => workloads.domains;
    HostedZone => workloads.zones;
    QueryLog => workloads.query_logs;
    ResolverConfig => workloads.resolver_configs;
    ResolverAssociation => workloads.resolver_associations;
    Redshift => workloads.redshift;
    RedshiftLoggingResource => workloads.redshift_logging;
    Firewall => workloads.firewalls;
    FirewallLogging => workloads.firewall_logging;
    Broker => workloads.brokers;
    ConfigAggregator => governance.aggregators;
    Role => governance.roles;
    SnsTopic => governance.topics;
    SnsSubscription => governance.subscriptions;
}

impl Model {
    /// The `T` built from resource `rid`, if any.
    pub fn id_of<T: Kind>(&self, rid: ResourceId) -> Option<Id<T>> {
        T::all(self)
            .binary_search_by(|x| x.resource().cmp(&rid))
            .ok()
            .map(Id::new)
    }

    /// The `T` built from resource `rid`, if any.
    pub fn get<T: Kind>(&self, rid: ResourceId) -> Option<&T> {
        self.id_of::<T>(rid).map(|id| &self[id])
    }

    /// Whether resource `rid` has a `T`.
    pub fn is<T: Kind>(&self, rid: ResourceId) -> bool {
        self.id_of::<T>(rid).is_some()
    }

    /// The ids of every `T`, in resource order.
    pub fn ids<T: Kind>(&self) -> impl Iterator<Item = Id<T>> + use<T> {
        (0..T::all(self).len()).map(Id::new)
    }

    /// The bucket or log group built from `rid`, if it is one.
    pub fn store_of(&self, rid: ResourceId) -> Option<Store> {
        self.id_of(rid)
            .map(Store::Bucket)
            .or_else(|| self.id_of(rid).map(Store::LogGroup))
    }

    /// Where a link points, as its kind's id, when its target is in the scan and is one.
    pub fn target<T: Target>(&self, link: &Link<T>) -> Option<T::Id> {
        link.target.and_then(|rid| T::resolve(self, rid))
    }

    /// The `T` a link points at, when it is in the scan.
    pub fn follow<T: Kind>(&self, link: &Link<T>) -> Option<&T> {
        self.target(link).map(|id| &self[id])
    }
}

impl<T: Kind> std::ops::Index<Id<T>> for Model {
    type Output = T;
    fn index(&self, id: Id<T>) -> &T {
        &T::all(self)[id.index()]
    }
}

impl<T: Kind> std::ops::IndexMut<Id<T>> for Model {
    fn index_mut(&mut self, id: Id<T>) -> &mut T {
        &mut T::all_mut(self)[id.index()]
    }
}

impl<T> super::Value<Link<T>> {
    /// The resource the link points at, when it is known and in the scan.
    pub fn target(&self) -> Option<ResourceId> {
        self.get().and_then(|l| l.target)
    }
}
