//! EKS-01: an EKS cluster that does not send the required control plane logs.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "EKS-01",
    policy_source: include_str!("../../../policies/EKS-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for c in &cx.model.workloads.eks_clusters {
        let have: Vec<String> = c.log_types.get().cloned().unwrap_or_default();
        let missing: Vec<&str> = cx
            .eks_required_log_types
            .iter()
            .filter(|t| !have.contains(t))
            .map(String::as_str)
            .collect();
        let fails = !missing.is_empty() && !c.log_types.is_unknown();
        let res = &cx.model.resource(c.id).address;
        out.check(c.id, &c.log_types, fails, || {
            format!(
                "EKS cluster {res} does not send control plane log types {} to CloudWatch Logs: add them to enabled_cluster_log_types (Terraform) / Logging.ClusterLogging.EnabledTypes (CloudFormation).",
                missing.join(", ")
            )
        });
    }
}
