//! The rule registry: a static list, one rule per file, each reading only the model.

pub mod cloudtrail;
pub mod config;
pub mod detection;
pub mod eventbridge;
pub mod kms;
pub mod logs;
pub mod monitoring;
pub mod network;
pub mod protection;
pub mod s3;
pub mod services;
pub mod suppression;
pub mod workloads;

use std::sync::OnceLock;

use crate::finding::{Finding, Sink};
use crate::model::Model;
use crate::policy::Policy;
use crate::source::Span;

/// What rules may read besides the model.
pub struct Context<'a> {
    pub model: &'a Model,
    /// Where account-scope findings anchor (the first file of the scan); `None` when
    /// account rules do not run.
    pub account_anchor: Option<Span>,
    /// Minimum retention of security log groups, in days (config `min_retention_days`).
    pub min_retention_days: f64,
    /// EKS control plane log types EKS-01 requires (config `eks_required_log_types`).
    pub eks_required_log_types: Vec<String>,
    /// Account services enabled outside the scan (config `provided_elsewhere`).
    pub provided_elsewhere: Vec<String>,
    /// Config `data_events: all_buckets`: CT-08 requires a multi-region trail recording the
    /// S3 data events of all current and future buckets.
    pub data_events_all_buckets: bool,
    /// Module calls left unresolved (not downloaded, missing): account rules that look for
    /// a resource anywhere stay undecided.
    pub unresolved_modules: usize,
}

impl Context<'_> {
    /// Whether config `provided_elsewhere` names this account service.
    pub fn provided_elsewhere(&self, service: &str) -> bool {
        self.provided_elsewhere.iter().any(|s| s == service)
    }
}

pub struct Rule {
    pub id: &'static str,
    /// The rule's `policies/<ID>.toml`, embedded.
    pub policy_source: &'static str,
    pub check: fn(&Context, &mut Sink),
}

/// Every rule, in id order.
pub static RULES: &[&Rule] = &[
    &services::apigw_01_api_gateway_stage_without_access_logs::RULE,
    &services::apigw_02_api_gateway_stage_without_execution_logs::RULE,
    &workloads::brk01_message_broker_logs_missing::RULE,
    &services::cdn_01_cloudfront_access_logs_disabled::RULE,
    &services::cdn_02_cloudfront_log_bucket_acls_disabled::RULE,
    &config::cfg00_account_config_recorder::RULE,
    &config::cfg01_all_resource_types::RULE,
    &config::cfg02_global_resources::RULE,
    &config::cfg03_recorder_not_started::RULE,
    &config::cfg04_no_delivery_channel::RULE,
    &config::cfg05_account_config_rules::RULE,
    &config::cfg06_config_aggregator_not_all_regions::RULE,
    &config::cfg07_config_recorder_not_service_linked::RULE,
    &cloudtrail::ct00_account_multi_region_trail::RULE,
    &cloudtrail::ct01_multi_region::RULE,
    &cloudtrail::ct02_log_file_validation::RULE,
    &cloudtrail::ct03_kms_encryption::RULE,
    &cloudtrail::ct04_cloudwatch_logs::RULE,
    &cloudtrail::ct05_logging_disabled::RULE,
    &cloudtrail::ct06_global_service_events::RULE,
    &cloudtrail::ct07_management_events::RULE,
    &cloudtrail::ct08_s3_data_events::RULE,
    &cloudtrail::ct09_insights::RULE,
    &cloudtrail::ct10_lake_retention::RULE,
    &cloudtrail::ct11_lake_without_cmk::RULE,
    &cloudtrail::ct12_trail_bucket_policy_without_source_condition::RULE,
    &logs::cw_01_retention_short::RULE,
    &logs::cw_02_kms::RULE,
    &logs::cw_03_retention_unset::RULE,
    &workloads::db01_database_log_exports_missing::RULE,
    &detection::det00_account_guardduty_missing::RULE,
    &detection::det01_guardduty_detector_disabled::RULE,
    &detection::det02_account_security_hub_missing::RULE,
    &workloads::dns01_route53_public_zone_query_logging_missing::RULE,
    &workloads::dns02_vpc_resolver_query_logging_missing::RULE,
    &eventbridge::eb01_security_rule_without_target::RULE,
    &eventbridge::eb02_security_rule_disabled::RULE,
    &workloads::eks01_control_plane_logs_missing::RULE,
    &kms::kms_01_log_key_rotation::RULE,
    &kms::kms_02_log_key_shared::RULE,
    &services::lb_01_load_balancer_access_logs_disabled::RULE,
    &protection::log01_log_store_deletable::RULE,
    &protection::log02_log_archive_in_same_account::RULE,
    &protection::log03_log_bucket_deletion_not_denied::RULE,
    &monitoring::mon01_unauthorized_api_calls::RULE,
    &monitoring::mon02_console_signin_without_mfa::RULE,
    &monitoring::mon03_root_account_usage::RULE,
    &monitoring::mon04_iam_policy_changes::RULE,
    &monitoring::mon05_cloudtrail_changes::RULE,
    &monitoring::mon06_console_auth_failures::RULE,
    &monitoring::mon07_cmk_disable_or_deletion::RULE,
    &monitoring::mon08_s3_bucket_policy_changes::RULE,
    &monitoring::mon09_config_changes::RULE,
    &monitoring::mon10_security_group_changes::RULE,
    &monitoring::mon11_nacl_changes::RULE,
    &monitoring::mon12_network_gateway_changes::RULE,
    &monitoring::mon13_route_table_changes::RULE,
    &monitoring::mon14_vpc_changes::RULE,
    &monitoring::mon15_organizations_changes::RULE,
    &monitoring::mon16_alarm_without_action::RULE,
    &monitoring::mon17_metric_filter_without_alarm::RULE,
    &monitoring::mon18_pattern_invalid::RULE,
    &monitoring::mon19_alarm_topic_without_subscriber::RULE,
    &workloads::nfw01_network_firewall_logging_missing::RULE,
    &workloads::os01_opensearch_audit_or_error_logs_missing::RULE,
    &workloads::rs01_redshift_audit_logging_missing::RULE,
    &s3::s3_01_encryption::RULE,
    &s3::s3_02_kms::RULE,
    &s3::s3_03_object_lock::RULE,
    &s3::s3_04_object_lock_retention::RULE,
    &s3::s3_05_versioning::RULE,
    &s3::s3_06_public_access::RULE,
    &s3::s3_07_access_logging::RULE,
    &s3::s3_08_tls_only::RULE,
    &s3::s3_09_lifecycle::RULE,
    &s3::s3_10_access_log_target_delivery_blocked::RULE,
    &s3::s3_11_log_bucket_expires_before_retention::RULE,
    &suppression::sup01_missing_reason::RULE,
    &suppression::sup02_unused::RULE,
    &network::vpc01_flow_logs::RULE,
    &network::vpc02_traffic_type::RULE,
    &services::waf_01_waf_web_acl_logging_missing::RULE,
];

fn policies() -> &'static [Policy] {
    static POLICIES: OnceLock<Vec<Policy>> = OnceLock::new();
    POLICIES.get_or_init(|| {
        RULES
            .iter()
            .map(|r| match Policy::parse(r.policy_source) {
                Ok(p) => p,
                // Embedded at build time and checked by the registry tests.
                Err(e) => panic!("policies/{}.toml is invalid: {e}", r.id),
            })
            .collect()
    })
}

impl Rule {
    pub fn policy(&self) -> &'static Policy {
        // By address first (every rule is a static of `RULES`), by id otherwise.
        let i = RULES
            .iter()
            .position(|r| std::ptr::eq(*r, self))
            .or_else(|| RULES.iter().position(|r| r.id == self.id))
            .unwrap_or(0);
        &policies()[i]
    }

    /// Retired rules never run (services.md §5.1); their ids stay reserved.
    pub fn retired(&self) -> bool {
        self.policy().retired
    }
}

/// The rules that run (every rule but the retired ones), in id order.
pub fn active() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().copied().filter(|r| !r.retired())
}

/// The note for something that names a retired rule: `None` when `rule_id` is not retired.
pub fn retired_note(rule_id: &str) -> Option<String> {
    let rule = find(rule_id).filter(|r| r.retired())?;
    let p = rule.policy();
    Some(format!(
        "refers to retired rule {} ({}): {}",
        p.id,
        p.name,
        p.retired_note.as_deref().unwrap_or("it no longer runs")
    ))
}

/// Looks a rule up by id (`CT-01`, case-insensitive) or name (`cloudtrail-multi-region`).
pub fn find(key: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.id.eq_ignore_ascii_case(key) || r.policy().name == key)
}

mod examples {
    include!(concat!(env!("OUT_DIR"), "/examples.rs"));
}

/// The failing and passing example files of a rule (from its fixtures), as
/// (case, file name, text).
pub fn examples(rule_id: &str) -> Vec<(&'static str, &'static str, &'static str)> {
    examples::EXAMPLES
        .iter()
        .filter(|(id, ..)| *id == rule_id)
        .map(|(_, case, name, text)| (*case, *name, *text))
        .collect()
}

/// `blindspot explain`: the rule's documentation followed by its fixture examples.
pub fn explain(rule: &Rule) -> String {
    let mut s = rule.policy().markdown();
    let ex = examples(rule.id);
    if ex.is_empty() {
        return s;
    }
    s += "\n## Examples\n";
    for (case, title) in [
        ("tf-fail", "Terraform that fails"),
        ("tf-pass", "Terraform that passes"),
        ("cfn-yaml-fail", "CloudFormation that fails"),
        ("cfn-yaml-pass", "CloudFormation that passes"),
    ] {
        for (c, name, text) in &ex {
            if c == &case {
                let lang = if crate::source::classify(std::path::Path::new(name), &[]).is_hcl() {
                    "hcl"
                } else {
                    "yaml"
                };
                s += &format!("\n### {title} (`{name}`)\n\n```{lang}\n{}\n```\n", text.trim_end());
            }
        }
    }
    s
}

/// Runs `rule` over the model.
pub fn run(rule: &Rule, cx: &Context, strict: bool) -> Vec<Finding> {
    run_checked(rule, cx, strict).0
}

/// What one rule produced, with (without `strict`) the files of the findings `--strict`
/// would add: [`Outcome`] and what a second, strict run would have added, in one run.
pub type Judged = (Outcome, Vec<crate::source::FileId>);

/// [`run_checked`], also counting what a strict run would add (see [`Judged`]).
pub fn run_judged(rule: &Rule, cx: &Context, strict: bool) -> Judged {
    let policy = rule.policy();
    if policy.retired || (policy.scope == crate::policy::Scope::Account && cx.account_anchor.is_none()) {
        return ((Vec::new(), Vec::new(), Vec::new()), Vec::new());
    }
    let mut sink = Sink {
        policy,
        rule_id: rule.id,
        model: cx.model,
        strict,
        out: Vec::new(),
        checked: Vec::new(),
        notes: Vec::new(),
        undecided: Vec::new(),
    };
    (rule.check)(cx, &mut sink);
    sink.checked.sort();
    sink.checked.dedup();
    ((sink.out, sink.checked, sink.notes), sink.undecided)
}

/// What one rule produced: findings, the resources it evaluated, and report notes.
pub type Outcome = (
    Vec<Finding>,
    Vec<crate::model::ResourceId>,
    Vec<crate::frontend::Diagnostic>,
);

/// Runs `rule` over the model; also returns the resources it evaluated and its notes.
pub fn run_checked(rule: &Rule, cx: &Context, strict: bool) -> Outcome {
    run_judged(rule, cx, strict).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Scope;

    /// Account-scope rules the catalogue (rules.md) numbers other than 00.
    const ACCOUNT_RULES_NOT_00: &[&str] = &["CFG-05", "DET-02", "LOG-02", "MON-19"];

    #[test]
    fn every_rule_has_valid_metadata_matching_its_id() {
        let mut names = std::collections::HashSet::new();
        for rule in RULES {
            let p = Policy::parse(rule.policy_source).unwrap_or_else(|e| panic!("{}: {e}", rule.id));
            assert_eq!(p.id, rule.id);
            assert!(
                p.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                p.name
            );
            assert!(names.insert(p.name.clone()), "duplicate name {}", p.name);
            assert!(!p.title.is_empty() && !p.help.is_empty() && !p.rationale.trim().is_empty());
            assert!(
                p.remediation.terraform.contains("```hcl"),
                "{}: Terraform fix needs an example",
                p.id
            );
            assert!(
                p.remediation.cloudformation.contains("```"),
                "{}: CloudFormation fix needs an example",
                p.id
            );
            // Account rules are numbered 00; the catalogue adds CFG-05 (Config rules exist).
            assert_eq!(
                p.scope == Scope::Account,
                rule.id.ends_with("-00") || ACCOUNT_RULES_NOT_00.contains(&rule.id),
                "{}: account rules are numbered 00",
                p.id
            );
        }
    }

    /// services.md §5.2: CIS references are structured `[[cis]]` entries with known
    /// benchmark versions; `references` keeps only the others.
    #[test]
    fn cis_references_are_structured_and_versioned() {
        for rule in RULES {
            let p = rule.policy();
            assert!(
                !p.references.iter().any(|r| r.starts_with("CIS")),
                "{}: CIS references belong in [[cis]]",
                p.id
            );
            for c in &p.cis {
                assert!(!c.versions.is_empty(), "{}: [[cis]] {} names no version", p.id, c.id);
                for v in &c.versions {
                    assert!(
                        crate::policy::CIS_VERSIONS.contains(&v.as_str()),
                        "{}: unknown CIS version {v}",
                        p.id
                    );
                }
                assert!(
                    c.id.split('.').all(|n| n.parse::<u32>().is_ok()),
                    "{}: CIS id {}",
                    p.id,
                    c.id
                );
            }
        }
        // Spot checks against the §5.2 table.
        let refs = |id: &str| find(id).map(|r| r.policy().all_references()).unwrap_or_default();
        assert_eq!(
            refs("CT-00")[..3],
            [
                "CIS AWS Foundations v1.4.0–v4.0.1 3.1 (Automated)",
                "CIS AWS Foundations v5.0.0 3.1 (Manual)",
                "CIS AWS Foundations v6.0.0–v7.0.0 4.1 (Manual)",
            ]
        );
        assert_eq!(refs("LB-01")[0], "CIS AWS Foundations v7.0.0 4.10 (Manual)");
        assert_eq!(refs("MON-07")[1], "CIS AWS Foundations v4.0.1–v5.0.0 4.7 (Manual)");
    }

    #[test]
    fn rules_are_sorted_and_findable_by_id_and_name() {
        let ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        for r in RULES {
            assert_eq!(find(r.id).map(|f| f.id), Some(r.id));
            assert_eq!(find(&r.id.to_lowercase()).map(|f| f.id), Some(r.id));
            assert_eq!(find(&r.policy().name).map(|f| f.id), Some(r.id));
        }
    }
}
