//! Stamps every model value with its language-neutral field (`trail.kms_key`), once the
//! model is built and linked (so values the builder replaces after the adapters, such as a
//! log group's gated `deletion_protection`, are stamped too). One place for every struct:
//! the path is the struct's name in the model plus the Rust field name.

use crate::model::Model;
use crate::model::governance::SourceKind;
use crate::stamp_fields;

pub fn stamp(model: &mut Model) {
    // fb: service and workload logging (LB, APIGW, CDN, WAF, OS, DB, DNS, RS, BRK, NFW) and
    // the bucket parts S3-06/S3-08/S3-11 read. Elements of a vector field are stamped as a
    // path below their struct (`redshift.logging.exports`), or with their index when the
    // legacy attribute names it (`bucket.policies[0]`, see `finding::legacy`).
    let s = &mut model.services;
    for lb in &mut s.load_balancers {
        stamp_fields!(lb, "load_balancer": lb_type, access_logs);
    }
    for d in &mut s.distributions {
        stamp_fields!(d, "distribution": logging_bucket);
    }
    for st in &mut s.stages {
        stamp_fields!(st, "api_stage": access_log, stage_name, rest_api, logging_level, api, protocol);
    }
    for acl in &mut s.web_acls {
        stamp_fields!(acl, "web_acl": classic_destination);
    }
    for w in &mut s.waf_logging {
        stamp_fields!(w, "waf_logging": acl, destinations_prop);
        for (store, name) in &mut w.destinations {
            store.field = "waf_logging.destinations.store";
            name.field = "waf_logging.destinations.name";
        }
    }
    let w = &mut model.workloads;
    for d in &mut w.databases {
        stamp_fields!(d, "database": engine, exports, identifier);
    }
    for d in &mut w.domains {
        stamp_fields!(d, "domain_logs": version, audit, application, fine_grained);
    }
    for z in &mut w.zones {
        stamp_fields!(z, "hosted_zone": private, inline_query_log);
    }
    for r in &mut w.redshift {
        stamp_fields!(r, "redshift": identifier);
        for l in &mut r.logging {
            stamp_fields!(l, "redshift.logging": enabled, destination_type, exports, bucket);
        }
    }
    for f in &mut w.firewall_logging {
        stamp_fields!(f, "firewall_logging": firewall, destinations);
    }
    for b in &mut w.brokers {
        stamp_fields!(b, "broker": engine, general, audit, log_group, bucket);
    }
    for b in &mut model.buckets {
        if let Some(p) = &mut b.public_access_block {
            stamp_fields!(p, "bucket.public_access_block":
                block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets,
            );
        }
        for (i, p) in b.policies.iter_mut().enumerate() {
            p.field = crate::model::value::indexed_field("bucket.policies", i);
        }
        let rules = std::mem::replace(&mut b.lifecycle_rules, crate::model::Value::absent());
        b.lifecycle_rules = rules.map(|mut rules| {
            for r in &mut rules {
                stamp_fields!(r, "bucket.lifecycle_rules":
                    id, enabled, prefix, tag_filter, size_filter, expiration_days, expiration_date,
                    noncurrent_days, newer_noncurrent_versions,
                );
            }
            rules
        });
    }
    // fb: end.
    for t in &mut model.trails {
        stamp_fields!(t, "trail":
            multi_region, log_file_validation, kms_key, cloudwatch_log_group, cloudwatch_role,
            logging, global_service_events, management_events, excluded_sources, s3_data_events,
            s3_all_buckets, insights, bucket, s3_key_prefix,
        );
    }
    for s in &mut model.event_data_stores {
        stamp_fields!(s, "event_data_store": retention_days, termination_protection, multi_region, kms_key);
    }
    for b in &mut model.buckets {
        stamp_fields!(b, "bucket":
            name, sse_algorithm, sse_kms_key, versioning, object_lock, object_lock_retention, acl,
            access_log_target, lifecycle, lifecycle_rules, force_destroy, access_log_prefix,
            object_ownership,
        );
    }
    for g in &mut model.log_groups {
        stamp_fields!(g, "log_group": name, retention_days, kms_key, deletion_protection);
    }
    for k in &mut model.kms_keys {
        stamp_fields!(k, "kms_key": rotation);
    }
    for f in &mut model.flow_logs {
        stamp_fields!(f, "flow_log": target, destination_type, destination, traffic_type);
    }
    for r in &mut model.event_rules {
        stamp_fields!(r, "event_rule": name, pattern, event_bus, enabled, targets);
    }
    for r in &mut model.config_recorders {
        stamp_fields!(r, "config_recorder": name, all_supported, include_global, strategy, started, role);
    }
    for f in &mut model.metric_filters {
        stamp_fields!(f, "metric_filter": name, log_group, pattern, metrics_prop);
    }
    for a in &mut model.alarms {
        stamp_fields!(a, "alarm": metric_name, namespace, actions, actions_enabled);
    }
    for c in &mut model.workloads.eks_clusters {
        stamp_fields!(c, "eks_cluster": name, log_types);
    }
    for d in &mut model.workloads.detectors {
        stamp_fields!(d, "detector": enable);
    }
    // fa: Config aggregators (CFG-06; a source's flag is named after its list), SNS topics (MON-19).
    for a in &mut model.governance.aggregators {
        stamp_fields!(a, "aggregator": sources_unknown);
        for s in &mut a.sources {
            s.all_regions.field = match s.kind {
                SourceKind::Account => "aggregator.account_source.all_regions",
                SourceKind::Organization => "aggregator.organization_source.all_regions",
            };
        }
    }
    for t in &mut model.governance.topics {
        stamp_fields!(t, "topic": name, subscriptions);
    }
}
