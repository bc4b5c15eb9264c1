//! DNS-02 (opt-in): a VPC without Route 53 Resolver query logging.

use crate::finding::{Sink, Verdict};
use crate::model::Value;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "DNS-02",
    policy_source: include_str!("../../../policies/DNS-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for v in &cx.model.workloads.vpc_query_logging {
        if !v.associations.is_empty() {
            continue;
        }
        let verdict = match v.unknown {
            Some(a) => Verdict::unknown(format!("the VPC of {} is not known", cx.model.resource(a).address)),
            None => Verdict::Fail,
        };
        let res = &cx.model.resource(v.vpc).address;
        out.verdict(v.vpc, &Value::<()>::absent().at("vpc_query_logging.associations"), verdict, || {
            format!(
                "VPC {res} has no Resolver query logging: associate it with an aws_route53_resolver_query_log_config (aws_route53_resolver_query_log_config_association) / AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation; the configuration must be in the VPC's region."
            )
        });
    }
}
