//! VPC-01: a VPC (or default VPC) with no flow log on it, nor on all of its subnets.

use crate::finding::{Sink, Verdict};
use crate::model::Value;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "VPC-01",
    policy_source: include_str!("../../../policies/VPC-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    for v in &model.vpcs {
        if !v.flow_logs.is_empty() {
            continue;
        }
        let subnets: Vec<_> = model.subnets.iter().filter(|s| v.subnets.contains(&s.id)).collect();
        let logged = subnets.iter().filter(|s| !s.flow_logs.is_empty()).count();
        if !subnets.is_empty() && logged == subnets.len() {
            // Covered, but only by subnet flow logs (services.md 5.3): Security Hub EC2.6 and
            // Config vpc-flow-logs-enabled evaluate the VPC itself, so they will report it.
            let r = model.resource(v.id);
            out.note(
                Some(r.header),
                r.header.file,
                format!(
                    "VPC {} is covered by subnet flow logs only; Security Hub EC2.6 and Config vpc-flow-logs-enabled check VPC-level flow logs, so they will report it.",
                    r.address
                ),
            );
            continue;
        }
        let kind = if v.default_vpc { "default VPC" } else { "VPC" };
        let name = &model.resource(v.id).address;
        let mut message = format!("{kind} {name} has no flow log: its network traffic is not recorded");
        if logged > 0 {
            message += &format!(" (only {logged} of its {} subnets have one)", subnets.len());
        }
        message += ". Attach the flow log to the VPC: Security Hub EC2.6 checks VPC-level flow logs.";
        let verdict = match v.unknown_flow_logs.first() {
            Some(&f) => Verdict::unknown(format!("the target of {} is not known", model.resource(f).address)),
            None => Verdict::Fail,
        };
        out.verdict(v.id, &Value::<()>::absent().at("vpc.flow_logs"), verdict, || message);
    }
}
