//! Service logs of workloads: databases, EKS, OpenSearch, Route 53, Redshift, Network
//! Firewall and message brokers (services.md 4.4-4.15).

pub mod brk01_message_broker_logs_missing;
pub mod db01_database_log_exports_missing;
pub mod dns01_route53_public_zone_query_logging_missing;
pub mod dns02_vpc_resolver_query_logging_missing;
pub mod eks01_control_plane_logs_missing;
pub mod nfw01_network_firewall_logging_missing;
pub mod os01_opensearch_audit_or_error_logs_missing;
pub mod rs01_redshift_audit_logging_missing;

use crate::model::{Iac, ResourceId};
use crate::rules::Context;

/// Whether the resource is written in Terraform (source or plan).
fn terraform(cx: &Context, id: ResourceId) -> bool {
    cx.model.resource(id).iac != Iac::CloudFormation
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
