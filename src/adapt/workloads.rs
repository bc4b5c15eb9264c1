//! Adapters and links of `model::workloads`: databases, EKS, GuardDuty, Security Hub,
//! OpenSearch, Route 53 query logging, Redshift, Network Firewall and message brokers
//! (services.md sections 1 and 4.4-4.15).

use super::{Ctx, K, LinkKind, Names, Scopes, View, unreadable_prop};
use crate::frontend::{Lang, V};
use crate::model::vocab;
use crate::model::workloads::*;
use crate::model::{Id, Link, LogSource, LogSourceKind, Model, ResourceId, Value, Vpc};

/// A list of strings with its span: absent when not written, unknown when not knowable.
fn list(v: &View, k: K) -> Value<Vec<String>> {
    let Some(p) = v.prop(k) else { return Value::absent() };
    match v.strings(k) {
        Some(l) => Value::explicit(l, Some(p.span), p.val.prov.clone()),
        None => Value::unknown(
            unreadable_prop(p, "a list of strings"),
            Some(p.span),
            p.val.prov.clone(),
        ),
    }
}

/// A link to a destination that may be a bucket or a log group (by its ARN).
fn store_link<T>(cx: &Ctx, v: &View, k: K) -> Value<Link<T>> {
    let kind = match v.text(k).get() {
        Some(t) if t.contains(":s3:::") => LinkKind::Bucket,
        Some(t) if t.contains(":firehose:") => LinkKind::Other,
        _ => LinkKind::LogGroup,
    };
    cx.link(v, k, kind)
}

/// A property read as a block (or list of blocks) that could not be: unknown, saying why.
fn unknown_prop<T>(p: &crate::frontend::Prop) -> Value<T> {
    Value::unknown(unreadable_prop(p, "a block"), Some(p.span), p.val.prov.clone())
}

pub fn database(cx: &Ctx, id: ResourceId, v: &View) -> Database {
    let kind = match cx.resource_type() {
        "aws_db_instance" | "AWS::RDS::DBInstance" => DbKind::Instance,
        "aws_rds_cluster" | "AWS::RDS::DBCluster" => DbKind::Cluster,
        "aws_docdb_cluster" | "AWS::DocDB::DBCluster" => DbKind::DocDb,
        _ => DbKind::Neptune,
    };
    let mut engine = v.text(K::both("engine", "Engine"));
    if engine.is_absent() {
        match kind {
            DbKind::DocDb => engine = Value::default("docdb".to_string()),
            DbKind::Neptune => engine = Value::default("neptune".to_string()),
            _ => {}
        }
    }
    let exports = match kind {
        DbKind::Neptune => K::both("enable_cloudwatch_logs_exports", "EnableCloudwatchLogsExports"),
        _ => K::both("enabled_cloudwatch_logs_exports", "EnableCloudwatchLogsExports"),
    };
    Database {
        id,
        kind,
        engine,
        cluster_member: kind == DbKind::Instance
            && v.prop(K::both("db_cluster_identifier", "DBClusterIdentifier"))
                .is_some(),
        exports: list(v, exports),
        identifier: v.text(K::both("identifier", "DBInstanceIdentifier")),
    }
}

pub fn eks_cluster(id: ResourceId, v: &View) -> EksCluster {
    let log_types = match v.lang() {
        Lang::Terraform => list(v, K::tf("enabled_cluster_log_types")),
        Lang::CloudFormation => eks_cfn_types(v),
    };
    EksCluster {
        id,
        name: v.text(K::both("name", "Name")),
        log_types,
    }
}

/// `Logging.ClusterLogging.EnabledTypes[].Type`.
fn eks_cfn_types(v: &View) -> Value<Vec<String>> {
    let logging = match v.first(K::cfn("Logging")) {
        Err(p) => return unknown_prop(p),
        Ok(None) => return Value::absent(),
        Ok(Some((_, l))) => l,
    };
    let cluster = match logging.first(K::cfn("ClusterLogging")) {
        Err(p) => return unknown_prop(p),
        Ok(None) => return Value::absent(),
        Ok(Some((_, c))) => c,
    };
    let (p, items) = match cluster.items(K::cfn("EnabledTypes")) {
        Err(p) => return unknown_prop(p),
        Ok(None) => return Value::absent(),
        Ok(Some(x)) => x,
    };
    let mut types = Vec::new();
    for i in items {
        match i.text(K::cfn("Type")).get() {
            Some(t) => types.push(t.clone()),
            None => return unknown_prop(p),
        }
    }
    Value::explicit(types, Some(p.span), p.val.prov.clone())
}

pub fn detector(id: ResourceId, v: &View) -> Detector {
    Detector {
        id,
        enable: v.bool(K::both("enable", "Enable"), true),
    }
}

/// One log publishing option: type, enabled, log group.
struct Publishing {
    log_type: Option<String>,
    enabled: Value<bool>,
}

pub fn domain(cx: &Ctx, id: ResourceId, v: &View) -> DomainLogs {
    let elasticsearch = matches!(
        cx.resource_type(),
        "aws_elasticsearch_domain" | "AWS::Elasticsearch::Domain"
    );
    let version = if elasticsearch {
        v.text(K::both("elasticsearch_version", "ElasticsearchVersion"))
    } else {
        v.text(K::both("engine_version", "EngineVersion"))
    };
    let fine_grained = match v.first(K::both("advanced_security_options", "AdvancedSecurityOptions")) {
        Err(p) => unknown_prop(p),
        Ok(None) => Value::default(false),
        Ok(Some((_, o))) => o.bool(K::both("enabled", "Enabled"), false),
    };
    let mut options: Result<Vec<Publishing>, &crate::frontend::Prop> = Ok(Vec::new());
    let mut log_groups = Vec::new();
    let mut span_prop = None;
    match v.lang() {
        Lang::Terraform => match v.items(K::tf("log_publishing_options")) {
            Err(p) => options = Err(p),
            Ok(None) => {}
            Ok(Some((p, blocks))) => {
                span_prop = Some(p);
                let mut list = Vec::new();
                for b in blocks {
                    list.push(Publishing {
                        log_type: b.text(K::tf("log_type")).get().cloned(),
                        enabled: b.bool(K::tf("enabled"), true),
                    });
                    log_groups.push(cx.link(&b, K::tf("cloudwatch_log_group_arn"), LinkKind::LogGroup));
                }
                options = Ok(list);
            }
        },
        Lang::CloudFormation => match v.prop(K::cfn("LogPublishingOptions")) {
            None => {}
            Some(p) => {
                span_prop = Some(p);
                match &p.val.v {
                    V::Map(entries) => {
                        let mut list = Vec::new();
                        for e in entries {
                            let enabled = match &e.val.v {
                                V::Map(props) => {
                                    let o = View::new(Lang::CloudFormation, props);
                                    log_groups.push(cx.link(
                                        &o,
                                        K::cfn("CloudWatchLogsLogGroupArn"),
                                        LinkKind::LogGroup,
                                    ));
                                    match o.prop(K::cfn("Enabled")) {
                                        // An entry without `Enabled` is unknown (services.md 4.8).
                                        None => Value::unknown(
                                            format!("{}.Enabled is not set", e.key),
                                            Some(e.span),
                                            Vec::new(),
                                        ),
                                        Some(_) => o.bool(K::cfn("Enabled"), false),
                                    }
                                }
                                _ => unknown_prop(e),
                            };
                            list.push(Publishing {
                                log_type: Some(e.key.clone()),
                                enabled,
                            });
                        }
                        options = Ok(list);
                    }
                    _ => options = Err(p),
                }
            }
        },
    }
    let publishes = |log_type: &str| -> Value<bool> {
        let options = match &options {
            Err(p) => return unknown_prop(p),
            Ok(o) => o,
        };
        let (span, prov) = match span_prop {
            Some(p) => (Some(p.span), p.val.prov.clone()),
            None => (None, Vec::new()),
        };
        let mut unknown: Option<String> = None;
        for o in options {
            match o.log_type.as_deref() {
                Some(t) if t == log_type => match o.enabled.get() {
                    Some(true) => return Value::explicit(true, span, prov),
                    Some(false) => {}
                    None => unknown = Some(o.enabled.unresolved().unwrap_or("enabled").to_string()),
                },
                Some(_) => {}
                None => unknown = Some("a log_type is not known".to_string()),
            }
        }
        match unknown {
            Some(why) => Value::unknown(why, span, prov),
            None if span.is_some() => Value::explicit(false, span, prov),
            None => Value::default(false),
        }
    };
    DomainLogs {
        id,
        elasticsearch,
        version,
        audit: publishes("AUDIT_LOGS"),
        application: publishes("ES_APPLICATION_LOGS"),
        fine_grained,
        log_groups,
    }
}

pub fn hosted_zone(cx: &Ctx, id: ResourceId, v: &View) -> HostedZone {
    let private = match v.items(K::both("vpc", "VPCs")) {
        Err(p) => unknown_prop(p),
        Ok(None) => Value::default(false),
        Ok(Some((p, items))) => Value::explicit(!items.is_empty(), Some(p.span), p.val.prov.clone()),
    };
    let inline_query_log = match v.first(K::cfn("QueryLoggingConfig")) {
        Err(p) => unknown_prop(p),
        Ok(None) => Value::absent(),
        Ok(Some((_, c))) => cx.link(&c, K::cfn("CloudWatchLogsLogGroupArn"), LinkKind::LogGroup),
    };
    HostedZone {
        id,
        private,
        inline_query_log,
        query_logs: Vec::new(),
        unknown_query_log: None,
    }
}

pub fn query_log(cx: &Ctx, id: ResourceId, v: &View) -> QueryLog {
    QueryLog {
        id,
        zone: cx.link(v, K::tf("zone_id"), LinkKind::Other),
        log_group: cx.link(v, K::tf("cloudwatch_log_group_arn"), LinkKind::LogGroup),
    }
}

pub fn resolver_config(cx: &Ctx, id: ResourceId, v: &View) -> ResolverConfig {
    ResolverConfig {
        id,
        destination: store_link(cx, v, K::both("destination_arn", "DestinationArn")),
    }
}

pub fn resolver_association(cx: &Ctx, id: ResourceId, v: &View) -> ResolverAssociation {
    ResolverAssociation {
        id,
        vpc: cx.link(v, K::both("resource_id", "ResourceId"), LinkKind::Other),
        config: cx.link(
            v,
            K::both("resolver_query_log_config_id", "ResolverQueryLogConfigId"),
            LinkKind::Other,
        ),
    }
}

fn redshift_settings(cx: &Ctx, from: ResourceId, v: &View, enabled: Value<bool>) -> RedshiftLogging {
    RedshiftLogging {
        from,
        enabled,
        destination_type: v
            .text(K::both("log_destination_type", "LogDestinationType"))
            .map(vocab::parse),
        exports: list(v, K::both("log_exports", "LogExports")),
        bucket: cx.link(v, K::both("bucket_name", "BucketName"), LinkKind::Bucket),
    }
}

pub fn redshift(cx: &Ctx, id: ResourceId, v: &View) -> Redshift {
    let serverless = matches!(
        cx.resource_type(),
        "aws_redshiftserverless_namespace" | "AWS::RedshiftServerless::Namespace"
    );
    let mut logging = Vec::new();
    let mut unknown = None;
    if serverless {
        logging.push(RedshiftLogging {
            from: id,
            enabled: Value::default(true),
            destination_type: Value::default(vocab::RedshiftLogDestination::CloudWatch),
            exports: list(v, K::both("log_exports", "LogExports")),
            bucket: Value::absent(),
        });
    } else {
        match v.first(K::both("logging", "LoggingProperties")) {
            Err(p) => unknown = Some(unreadable_prop(p, "a block")),
            Ok(None) => {}
            Ok(Some((_, l))) => match l.lang() {
                Lang::Terraform => {
                    let enabled = l.bool(K::tf("enable"), false);
                    logging.push(redshift_settings(cx, id, &l, enabled));
                }
                Lang::CloudFormation if l.props.is_empty() => {
                    unknown = Some("LoggingProperties is empty".to_string());
                }
                Lang::CloudFormation => logging.push(redshift_settings(cx, id, &l, Value::default(true))),
            },
        }
    }
    Redshift {
        id,
        serverless,
        identifier: v.text(K::tf("cluster_identifier")),
        logging,
        unknown,
    }
}

pub fn redshift_logging(cx: &Ctx, id: ResourceId, v: &View) -> RedshiftLoggingResource {
    RedshiftLoggingResource {
        id,
        cluster: cx.link(v, K::tf("cluster_identifier"), LinkKind::Other),
        logging: redshift_settings(cx, id, v, Value::default(true)),
    }
}

pub fn firewall_logging(cx: &Ctx, id: ResourceId, v: &View) -> FirewallLogging {
    let configs = match v.first(K::both("logging_configuration", "LoggingConfiguration")) {
        Err(p) => Err(p),
        Ok(None) => Ok(None),
        Ok(Some((_, c))) => c.items(K::both("log_destination_config", "LogDestinationConfigs")),
    };
    let destinations = match configs {
        Err(p) => unknown_prop(p),
        Ok(None) => Value::default(Vec::new()),
        Ok(Some((p, items))) => {
            let list = items
                .iter()
                .map(|d| {
                    let destination_type = d
                        .text(K::both("log_destination_type", "LogDestinationType"))
                        .map(vocab::parse);
                    let store = match d.first(K::both("log_destination", "LogDestination")) {
                        Err(p) => unknown_prop(p),
                        Ok(None) => Value::absent(),
                        Ok(Some((_, m))) => {
                            let bucket = cx.link(&m, K::both("bucketName", "bucketName"), LinkKind::Bucket);
                            if bucket.is_absent() {
                                cx.link(&m, K::both("logGroup", "logGroup"), LinkKind::LogGroup)
                            } else {
                                bucket
                            }
                        }
                    };
                    FirewallLogDestination {
                        log_type: d.text(K::both("log_type", "LogType")).map(vocab::parse),
                        destination_type,
                        store,
                    }
                })
                .collect();
            Value::explicit(list, Some(p.span), p.val.prov.clone())
        }
    };
    FirewallLogging {
        id,
        firewall: cx.link(v, K::both("firewall_arn", "FirewallArn"), LinkKind::Other),
        destinations,
    }
}

pub fn firewall(id: ResourceId) -> Firewall {
    Firewall {
        id,
        logging: Vec::new(),
        unknown_logging: None,
    }
}

pub fn broker(cx: &Ctx, id: ResourceId, v: &View) -> Broker {
    let msk = matches!(cx.resource_type(), "aws_msk_cluster" | "AWS::MSK::Cluster");
    if !msk {
        let (general, audit) = match v.first(K::both("logs", "Logs")) {
            Err(p) => (unknown_prop(p), unknown_prop(p)),
            Ok(None) => (Value::default(false), Value::default(false)),
            Ok(Some((_, l))) => (
                l.bool(K::both("general", "General"), false),
                l.bool(K::both("audit", "Audit"), false),
            ),
        };
        return Broker {
            id,
            kind: BrokerKind::Mq,
            engine: v.text(K::both("engine_type", "EngineType")).map(vocab::parse),
            general,
            audit,
            log_group: Value::absent(),
            bucket: Value::absent(),
        };
    }
    let mut log_group = Value::absent();
    let mut bucket = Value::absent();
    let general = (|| -> Value<bool> {
        let (p, info) = match v.first(K::both("logging_info", "LoggingInfo")) {
            Err(p) => return unknown_prop(p),
            Ok(None) => return Value::default(false),
            Ok(Some(x)) => x,
        };
        let logs = match info.first(K::both("broker_logs", "BrokerLogs")) {
            Err(p) => return unknown_prop(p),
            Ok(None) => return Value::explicit(false, Some(p.span), p.val.prov.clone()),
            Ok(Some((_, l))) => l,
        };
        let mut unknown: Option<Value<bool>> = None;
        let mut on = false;
        for dest in [
            K::both("cloudwatch_logs", "CloudWatchLogs"),
            K::both("firehose", "Firehose"),
            K::both("s3", "S3"),
        ] {
            let enabled = match logs.first(dest) {
                Err(p) => unknown_prop(p),
                Ok(None) => Value::default(false),
                Ok(Some((_, d))) => {
                    let enabled = d.bool(K::both("enabled", "Enabled"), false);
                    if !enabled.is_false() {
                        if dest.cloudformation == Some("CloudWatchLogs") {
                            log_group = cx.link(&d, K::both("log_group", "LogGroup"), LinkKind::LogGroup);
                        } else if dest.cloudformation == Some("S3") {
                            bucket = cx.link(&d, K::both("bucket", "Bucket"), LinkKind::Bucket);
                        }
                    }
                    enabled
                }
            };
            if enabled.is_true() {
                on = true;
            } else if enabled.is_unknown() && unknown.is_none() {
                unknown = Some(enabled);
            }
        }
        match (on, unknown) {
            (true, _) => Value::explicit(true, Some(p.span), p.val.prov.clone()),
            (false, Some(u)) => u,
            (false, None) => Value::explicit(false, Some(p.span), p.val.prov.clone()),
        }
    })();
    Broker {
        id,
        kind: BrokerKind::Msk,
        engine: Value::absent(),
        general,
        audit: Value::absent(),
        log_group,
        bucket,
    }
}

/// The §1 links of these services, resolved once after every resource is adapted.
pub fn resolve(model: &mut Model, scopes: &Scopes) {
    let unit_of = model.unit_of.clone();
    let same_unit = |a: ResourceId, b: ResourceId| unit_of.get(a.0).is_some() && unit_of.get(a.0) == unit_of.get(b.0);
    // Each link's target of its kind, looked up before the vectors are changed.
    let zones: Vec<Option<Id<HostedZone>>> = model
        .workloads
        .query_logs
        .iter()
        .map(|q| q.zone.get().and_then(|l| model.target(l)))
        .collect();
    let firewalls: Vec<Option<Id<Firewall>>> = model
        .workloads
        .firewall_logging
        .iter()
        .map(|l| l.firewall.get().and_then(|l| model.target(l)))
        .collect();
    let vpcs: Vec<Option<Id<Vpc>>> = model
        .workloads
        .resolver_associations
        .iter()
        .map(|a| a.vpc.get().and_then(|l| model.target(l)))
        .collect();
    let w = &mut model.workloads;

    // Query log -> public zone.
    for (q, zone) in w.query_logs.iter().zip(zones) {
        match zone {
            Some(z) => w.zones[z.index()].query_logs.push(q.id),
            None if q.zone.is_unknown() => {
                for z in w.zones.iter_mut().filter(|z| same_unit(q.id, z.id)) {
                    z.unknown_query_log.get_or_insert(q.id);
                }
            }
            None => {}
        }
    }

    // Resolver association -> VPC.
    w.vpc_query_logging = model
        .vpcs
        .iter()
        .map(|v| VpcQueryLogging {
            vpc: v.id,
            associations: Vec::new(),
            unknown: None,
        })
        .collect();
    // (One entry per VPC, in the order of `model.vpcs`: an `Id<Vpc>` indexes it.)
    for (a, vpc) in w.resolver_associations.iter().zip(vpcs) {
        match vpc {
            Some(v) => w.vpc_query_logging[v.index()].associations.push(a.id),
            None if a.vpc.is_unknown() => {
                for v in w.vpc_query_logging.iter_mut().filter(|v| same_unit(a.id, v.vpc)) {
                    v.unknown.get_or_insert(a.id);
                }
            }
            None => {}
        }
    }

    // Redshift logging -> cluster (by reference, or by a literal equal to the cluster's
    // written `cluster_identifier`).
    let logging = std::mem::take(&mut w.redshift_logging);
    for l in &logging {
        let to = match l.cluster.target() {
            Some(t) => Some(t),
            None => l.cluster.get().and_then(|link| link.literal.as_ref()).and_then(|lit| {
                let candidates: Vec<ResourceId> = w
                    .redshift
                    .iter()
                    .filter(|c| !c.serverless && c.identifier.get() == Some(lit))
                    .map(|c| c.id)
                    .collect();
                scopes.pick(l.id, &candidates)
            }),
        };
        for c in w.redshift.iter_mut().filter(|c| !c.serverless) {
            if to == Some(c.id) {
                c.logging.push(l.logging.clone());
            } else if l.cluster.is_unknown() && same_unit(l.id, c.id) && c.unknown.is_none() {
                c.unknown = Some(format!(
                    "the cluster of {} is not known",
                    model.resources[l.id.0].address
                ));
            }
        }
    }
    w.redshift_logging = logging;

    // Firewall logging -> firewall.
    for (i, (l, firewall)) in w.firewall_logging.iter().zip(firewalls).enumerate() {
        match firewall {
            Some(f) => w.firewalls[f.index()].logging.push(i),
            None if l.firewall.is_unknown() => {
                for f in w.firewalls.iter_mut().filter(|f| same_unit(l.id, f.id)) {
                    f.unknown_logging.get_or_insert(l.id);
                }
            }
            None => {}
        }
    }
}

/// Coupling (services.md section 0): the buckets and log groups these services write
/// their logs to, as (store, source). Stores that are neither a bucket nor a log group of
/// the scan are ignored by the caller. Kept in one function so that the
/// `service_logs_are_security_logs` switch can wrap it.
pub fn log_destinations(model: &Model, names: &Names, scopes: &Scopes) -> Vec<(ResourceId, LogSource)> {
    let w = &model.workloads;
    let mut out = Vec::new();
    let mut add = |t: Option<ResourceId>, kind: LogSourceKind, from: ResourceId| {
        if let Some(t) = t {
            out.push((t, LogSource::new(kind, Some(from))));
        }
    };
    for d in &w.domains {
        for g in &d.log_groups {
            add(g.target(), LogSourceKind::OpenSearch, d.id);
        }
    }
    for q in &w.query_logs {
        add(q.log_group.target(), LogSourceKind::DnsQueryLogs, q.id);
    }
    for z in &w.zones {
        add(z.inline_query_log.target(), LogSourceKind::DnsQueryLogs, z.id);
    }
    for r in &w.resolver_configs {
        add(r.destination.target(), LogSourceKind::ResolverQueryLogs, r.id);
    }
    // Inline settings here; linked `aws_redshift_logging` resources just below.
    for c in &w.redshift {
        for l in c.logging.iter().filter(|l| l.from == c.id) {
            add(l.bucket.target(), LogSourceKind::Redshift, c.id);
        }
    }
    for l in &w.redshift_logging {
        add(l.logging.bucket.target(), LogSourceKind::Redshift, l.id);
    }
    for f in &w.firewall_logging {
        if let Some(dests) = f.destinations.get() {
            for d in dests {
                add(d.store.target(), LogSourceKind::NetworkFirewall, f.id);
            }
        }
    }
    for b in &w.brokers {
        add(b.log_group.target(), LogSourceKind::Broker, b.id);
        add(b.bucket.target(), LogSourceKind::Broker, b.id);
    }
    // Log groups the services name themselves.
    let mut named = |name: String, kind: LogSourceKind, from: ResourceId| {
        if let Some(g) = names.log_groups.get(&name, from, scopes) {
            out.push((g, LogSource::new(kind, Some(from))));
        }
    };
    for d in &w.databases {
        if d.kind != DbKind::Instance {
            continue;
        }
        if let (Some(ident), Some(types)) = (d.identifier.get(), d.exports.get()) {
            for t in types {
                named(format!("/aws/rds/instance/{ident}/{t}"), LogSourceKind::Database, d.id);
            }
        }
    }
    for e in &w.eks_clusters {
        if let Some(name) = e.name.get() {
            named(format!("/aws/eks/{name}/cluster"), LogSourceKind::Eks, e.id);
        }
    }
    out
}
