//! Stamps every model value with its language-neutral field (`trail.kms_key`), once the
//! model is built and linked (so values the builder replaces after the adapters, such as a
//! log group's gated `deletion_protection`, are stamped too). One place for every struct:
//! the path is the struct's name in the model plus the Rust field name.

use crate::model::Model;
use crate::model::governance::SourceKind;
use crate::stamp_fields;

pub fn stamp(model: &mut Model) {
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
