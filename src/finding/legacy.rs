//! Legacy attribute spellings of neutral model fields, for fingerprints.
//!
//! A finding's fingerprint hashes its deciding attribute. Before model values carried their
//! neutral field (`trail.kms_key`), each rule named that attribute itself, mostly in its
//! Terraform spelling whatever the language (`kms_key_id`). Baselines written then hold
//! those fingerprints, so a rule that reports a stamped [`crate::model::Value`] fingerprints
//! the attribute this table gives for (rule, field, language, resource type), seeded from
//! the former call sites; `tests/baseline_compat.rs` proves the table complete. A field
//! with no row (a new rule) fingerprints its neutral path.

/// One row: rule, neutral field, language (`None`: any), resource type (`None`: any), and
/// the attribute the rule used to name.
type Row = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

const LEGACY: &[Row] = &[
    // fb: service and workload logging, S3-06/S3-08/S3-11.
    ("LB-01", "load_balancer.access_logs", None, None, "access_logs"),
    ("LB-01", "load_balancer.lb_type", None, None, "load_balancer_type"),
    ("APIGW-01", "api_stage.access_log", None, None, "access_log_settings"),
    // The implicit stage of a deployment, named in each language's spelling.
    (
        "APIGW-01",
        "api_stage.stage_name",
        Some("cloudformation"),
        None,
        "StageName",
    ),
    ("APIGW-01", "api_stage.stage_name", None, None, "stage_name"),
    ("APIGW-02", "api_stage.logging_level", None, None, "logging_level"),
    ("CDN-01", "distribution.logging_bucket", None, None, "logging_config"),
    (
        "WAF-01",
        "web_acl.classic_destination",
        None,
        None,
        "logging_configuration",
    ),
    (
        "WAF-01",
        "web_acl.classic_destination.name",
        None,
        None,
        "log_destination_configs",
    ),
    (
        "WAF-01",
        "waf_logging.destinations.name",
        None,
        None,
        "log_destination_configs",
    ),
    ("WAF-01", "web_acl.logging", None, None, "logging"),
    ("OS-01", "domain_logs.audit", None, None, "log_publishing_options"),
    ("OS-01", "domain_logs.application", None, None, "log_publishing_options"),
    // DB-01 named the export list in each language's spelling (Neptune's differs in Terraform).
    ("DB-01", "database.engine", None, None, "engine"),
    (
        "DB-01",
        "database.exports",
        Some("cloudformation"),
        None,
        "EnableCloudwatchLogsExports",
    ),
    (
        "DB-01",
        "database.exports",
        None,
        Some("aws_neptune_cluster"),
        "enable_cloudwatch_logs_exports",
    ),
    (
        "DB-01",
        "database.exports",
        None,
        None,
        "enabled_cloudwatch_logs_exports",
    ),
    ("DNS-01", "hosted_zone.query_logs", None, None, "query_log"),
    (
        "DNS-02",
        "vpc_query_logging.associations",
        None,
        None,
        "resolver_query_log_config_association",
    ),
    ("RS-01", "redshift.logging", None, None, "log_exports"),
    ("RS-01", "redshift.logging.enabled", None, None, "log_exports"),
    ("RS-01", "redshift.logging.exports", None, None, "log_exports"),
    ("BRK-01", "broker.general", None, None, "logs"),
    ("BRK-01", "broker.audit", None, None, "logs"),
    ("NFW-01", "firewall.logging", None, None, "log_destination_config"),
    (
        "NFW-01",
        "firewall_logging.destinations",
        None,
        None,
        "log_destination_config",
    ),
    (
        "S3-06",
        "bucket.public_access_block.block_public_acls",
        None,
        None,
        "block_public_acls",
    ),
    (
        "S3-06",
        "bucket.public_access_block.block_public_policy",
        None,
        None,
        "block_public_policy",
    ),
    (
        "S3-06",
        "bucket.public_access_block.ignore_public_acls",
        None,
        None,
        "ignore_public_acls",
    ),
    (
        "S3-06",
        "bucket.public_access_block.restrict_public_buckets",
        None,
        None,
        "restrict_public_buckets",
    ),
    ("S3-06", "bucket.acl", None, None, "acl"),
    // Each policy by its index: `bucket.policies[2]` -> `policy[2]`.
    ("S3-06", "bucket.policies", None, None, "policy[]"),
    ("S3-08", "bucket.policies", None, None, "policy"),
    ("S3-11", "bucket.lifecycle_rules", None, None, "lifecycle"),
    (
        "S3-11",
        "bucket.lifecycle_rules.expiration_days",
        None,
        None,
        "expiration",
    ),
    (
        "S3-11",
        "bucket.lifecycle_rules.expiration_date",
        None,
        None,
        "expiration",
    ),
    (
        "S3-11",
        "bucket.lifecycle_rules.noncurrent_days",
        None,
        None,
        "noncurrent_version_expiration",
    ),
    (
        "S3-11",
        "bucket.lifecycle_rules.newer_noncurrent_versions",
        None,
        None,
        "noncurrent_version_expiration",
    ),
    // fb: end.
    // CloudTrail trails (every language named the Terraform attribute).
    ("CT-01", "trail.multi_region", None, None, "is_multi_region_trail"),
    (
        "CT-02",
        "trail.log_file_validation",
        None,
        None,
        "enable_log_file_validation",
    ),
    ("CT-03", "trail.kms_key", None, None, "kms_key_id"),
    (
        "CT-04",
        "trail.cloudwatch_log_group",
        None,
        None,
        "cloud_watch_logs_group_arn",
    ),
    ("CT-05", "trail.logging", None, None, "enable_logging"),
    (
        "CT-06",
        "trail.global_service_events",
        None,
        None,
        "include_global_service_events",
    ),
    ("CT-07", "trail.management_events", None, None, "event_selector"),
    (
        "CT-07",
        "trail.excluded_sources",
        None,
        None,
        "exclude_management_event_sources",
    ),
    ("CT-08", "trail.s3_data_events", None, None, "s3_data_events"),
    ("CT-08", "trail.s3_all_buckets", None, None, "s3_data_events"),
    ("CT-09", "trail.insights", None, None, "insight_selector"),
    // CloudTrail Lake event data stores.
    (
        "CT-10",
        "event_data_store.retention_days",
        None,
        None,
        "retention_period",
    ),
    (
        "CT-10",
        "event_data_store.termination_protection",
        None,
        None,
        "termination_protection_enabled",
    ),
    (
        "CT-10",
        "event_data_store.multi_region",
        None,
        None,
        "multi_region_enabled",
    ),
    ("CT-11", "event_data_store.kms_key", None, None, "kms_key_id"),
    // CloudWatch Logs log groups.
    ("CW-01", "log_group.retention_days", None, None, "retention_in_days"),
    ("CW-02", "log_group.kms_key", None, None, "kms_key_id"),
    ("CW-03", "log_group.retention_days", None, None, "retention_in_days"),
    // KMS keys.
    ("KMS-01", "kms_key.rotation", None, None, "enable_key_rotation"),
    // EventBridge rules.
    ("EB-01", "event_rule.targets", None, None, "targets"),
    ("EB-02", "event_rule.enabled", None, None, "state"),
    // VPC flow logs.
    ("VPC-02", "flow_log.traffic_type", None, None, "traffic_type"),
    // GuardDuty detectors.
    ("DET-01", "detector.enable", None, None, "enable"),
    // AWS Config recorders (CFG-04 reports at the header: no model value).
    ("CFG-01", "config_recorder.strategy", None, None, "recording_strategy"),
    ("CFG-01", "config_recorder.all_supported", None, None, "all_supported"),
    (
        "CFG-02",
        "config_recorder.include_global",
        None,
        None,
        "include_global_resource_types",
    ),
    (
        "CFG-03",
        "config_recorder.started",
        None,
        None,
        "aws_config_configuration_recorder_status",
    ),
    (
        "CFG-04",
        "config_recorder.delivery_channel",
        None,
        None,
        "delivery_channel",
    ),
    ("CFG-07", "config_recorder.role", None, None, "role_arn"),
    // S3 buckets.
    ("S3-01", "bucket.sse_algorithm", None, None, "sse_algorithm"),
    ("S3-02", "bucket.sse_algorithm", None, None, "sse_algorithm"),
    ("S3-03", "bucket.object_lock", None, None, "object_lock_enabled"),
    ("S3-04", "bucket.object_lock", None, None, "object_lock_retention"),
    (
        "S3-04",
        "bucket.object_lock_retention",
        None,
        None,
        "object_lock_retention",
    ),
    ("S3-05", "bucket.versioning", None, None, "versioning"),
    ("S3-07", "bucket.access_log_target", None, None, "logging"),
    ("S3-09", "bucket.lifecycle", None, None, "lifecycle"),
    ("S3-10", "bucket.sse_algorithm", None, None, "sse_algorithm"),
    (
        "S3-10",
        "bucket.object_lock_retention",
        None,
        None,
        "object_lock_retention",
    ),
    ("CDN-02", "bucket.object_ownership", None, None, "object_ownership"),
    // Metric filters, alarms, EventBridge patterns.
    ("MON-16", "alarm.actions_enabled", None, None, "actions_enabled"),
    ("MON-16", "alarm.actions", None, None, "alarm_actions"),
    (
        "MON-17",
        "metric_filter.metrics_prop",
        None,
        None,
        "metric_transformation",
    ),
    ("MON-18", "metric_filter.pattern", None, None, "pattern"),
    ("MON-18", "event_rule.pattern", None, None, "event_pattern"),
    // EKS clusters.
    (
        "EKS-01",
        "eks_cluster.log_types",
        None,
        None,
        "enabled_cluster_log_types",
    ),
    // fa: account scope (no language or resource type), then the rules of helper fa's half.
    ("CT-00", "account.trails", None, None, "account"),
    ("CFG-00", "account.config_recorders", None, None, "account"),
    ("CFG-05", "account.config_rules", None, None, "account"),
    ("DET-00", "account.guardduty", None, None, "account"),
    ("DET-02", "account.security_hub", None, None, "account"),
    // CFG-06 named the source list as written, so the language decides (CloudFormation first:
    // the Terraform row matches any language, plans included).
    (
        "CFG-06",
        "aggregator.account_source.all_regions",
        Some("cloudformation"),
        None,
        "AccountAggregationSources",
    ),
    (
        "CFG-06",
        "aggregator.account_source.all_regions",
        None,
        None,
        "account_aggregation_source",
    ),
    (
        "CFG-06",
        "aggregator.organization_source.all_regions",
        Some("cloudformation"),
        None,
        "OrganizationAggregationSource",
    ),
    (
        "CFG-06",
        "aggregator.organization_source.all_regions",
        None,
        None,
        "organization_aggregation_source",
    ),
    (
        "CFG-06",
        "aggregator.sources_unknown",
        None,
        None,
        "aggregation sources",
    ),
    // MON-01..MON-15 (shared code): a trail whose multi-region flag is unknown, else the
    // coverage (at the trail's header), which was fingerprinted under the rule id.
    ("MON-01", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-01", "trail.monitoring", None, None, "MON-01"),
    ("MON-02", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-02", "trail.monitoring", None, None, "MON-02"),
    ("MON-03", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-03", "trail.monitoring", None, None, "MON-03"),
    ("MON-04", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-04", "trail.monitoring", None, None, "MON-04"),
    ("MON-05", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-05", "trail.monitoring", None, None, "MON-05"),
    ("MON-06", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-06", "trail.monitoring", None, None, "MON-06"),
    ("MON-07", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-07", "trail.monitoring", None, None, "MON-07"),
    ("MON-08", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-08", "trail.monitoring", None, None, "MON-08"),
    ("MON-09", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-09", "trail.monitoring", None, None, "MON-09"),
    ("MON-10", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-10", "trail.monitoring", None, None, "MON-10"),
    ("MON-11", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-11", "trail.monitoring", None, None, "MON-11"),
    ("MON-12", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-12", "trail.monitoring", None, None, "MON-12"),
    ("MON-13", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-13", "trail.monitoring", None, None, "MON-13"),
    ("MON-14", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-14", "trail.monitoring", None, None, "MON-14"),
    ("MON-15", "trail.multi_region", None, None, "is_multi_region_trail"),
    ("MON-15", "trail.monitoring", None, None, "MON-15"),
    ("MON-19", "topic.subscriptions", None, None, "subscription"),
    ("VPC-01", "vpc.flow_logs", None, None, "flow_log"),
    ("KMS-02", "kms_key.other_uses", None, None, "shared"),
    // CT-12 and LOG-03 report a policy document or a statement of it (stamped by the rule).
    ("CT-12", "bucket.policies", None, None, "policy"),
    ("LOG-01", "bucket.force_destroy", None, None, "force_destroy"),
    (
        "LOG-01",
        "log_group.deletion_protection",
        None,
        None,
        "deletion_protection_enabled",
    ),
    ("LOG-02", "bucket.log_sources", None, None, "bucket"),
    ("LOG-03", "bucket.policies", None, None, "policy"),
];

/// The attribute a finding of `rule` on `field` fingerprints, for a resource of language
/// `iac` (`terraform`, `cloudformation`) and type `kind` (both empty for an account-scope
/// finding): the legacy spelling when the rule named one, else the neutral field itself.
/// The first matching row wins, so a language- or type-specific row precedes the row
/// that matches any.
pub fn legacy_attribute(rule: &str, field: &'static str, iac: &str, kind: &str) -> &'static str {
    // An element of a vector of values, `base[i]` (`bucket.policies[2]`), takes the rows of
    // `base`; a legacy attribute ending in `[]` receives the index (`policy[]` -> `policy[2]`,
    // the spelling S3-06 used), any other is used as it is. The first matching row wins, so
    // a language- or type-specific row precedes the row that matches any.
    let (base, index) = crate::model::value::split_index(field);
    let Some(row) = LEGACY
        .iter()
        .find(|(r, f, i, k, _)| *r == rule && *f == base && i.is_none_or(|i| i == iac) && k.is_none_or(|k| k == kind))
    else {
        return field;
    };
    match (row.4.strip_suffix("[]"), index) {
        (Some(stem), Some(i)) => crate::model::value::indexed_field(stem, i),
        _ => row.4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_spelling_or_the_neutral_field() {
        assert_eq!(
            legacy_attribute("CT-03", "trail.kms_key", "cloudformation", "AWS::CloudTrail::Trail"),
            "kms_key_id"
        );
        assert_eq!(
            legacy_attribute("CT-99", "trail.kms_key", "terraform", "aws_cloudtrail"),
            "trail.kms_key"
        );
    }

    #[test]
    fn language_and_type_rows_precede_the_general_row() {
        let db = |iac, kind| legacy_attribute("DB-01", "database.exports", iac, kind);
        assert_eq!(
            db("cloudformation", "AWS::Neptune::DBCluster"),
            "EnableCloudwatchLogsExports"
        );
        assert_eq!(db("terraform", "aws_neptune_cluster"), "enable_cloudwatch_logs_exports");
        assert_eq!(
            db("terraform-plan", "aws_db_instance"),
            "enabled_cloudwatch_logs_exports"
        );
    }

    #[test]
    fn indexed_fields_take_the_rows_of_their_vector() {
        let field = crate::model::value::indexed_field("bucket.policies", 2);
        assert_eq!(field, "bucket.policies[2]");
        assert_eq!(
            legacy_attribute("S3-06", field, "terraform", "aws_s3_bucket"),
            "policy[2]"
        );
        assert_eq!(legacy_attribute("S3-08", field, "terraform", "aws_s3_bucket"), "policy");
        assert_eq!(
            legacy_attribute("S3-99", field, "terraform", "aws_s3_bucket"),
            "bucket.policies[2]"
        );
    }

    #[test]
    fn one_row_per_key() {
        for (n, a) in LEGACY.iter().enumerate() {
            for b in &LEGACY[n + 1..] {
                assert!((a.0, a.1, a.2, a.3) != (b.0, b.1, b.2, b.3), "duplicate row {a:?}");
            }
        }
    }

    // fa: a language-specific row precedes its catch-all; account findings have no language.
    #[test]
    fn language_rows_first_and_account_scope() {
        let f = "aggregator.account_source.all_regions";
        let kind = "AWS::Config::ConfigurationAggregator";
        assert_eq!(
            legacy_attribute("CFG-06", f, "cloudformation", kind),
            "AccountAggregationSources"
        );
        for iac in ["terraform", "terraform-plan"] {
            assert_eq!(
                legacy_attribute("CFG-06", f, iac, "aws_config_configuration_aggregator"),
                "account_aggregation_source"
            );
        }
        for (n, a) in LEGACY.iter().enumerate() {
            if a.2.is_some() || a.3.is_some() {
                assert!(
                    !LEGACY[..n]
                        .iter()
                        .any(|b| (b.0, b.1, b.2, b.3) == (a.0, a.1, None, None)),
                    "{a:?} follows a row that matches any language and type"
                );
            }
        }
        assert_eq!(legacy_attribute("CT-00", "account.trails", "", ""), "account");
    }
}
