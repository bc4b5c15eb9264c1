//! DNS-01: a public hosted zone without DNS query logging.

use crate::finding::{Sink, Verdict};
use crate::model::Value;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "DNS-01",
    policy_source: include_str!("../../../policies/DNS-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for z in &cx.model.workloads.zones {
        // Query logging is for public hosted zones only.
        if z.private.is_true()
            || !z.query_logs.is_empty()
            || (z.inline_query_log.is_set() && !z.inline_query_log.is_unknown())
        {
            continue;
        }
        let verdict = if let Some(why) = z.private.unresolved().or(z.inline_query_log.unresolved()) {
            Verdict::unknown(why)
        } else if let Some(q) = z.unknown_query_log {
            Verdict::unknown(format!("the zone of {} is not known", cx.model.resource(q).address))
        } else {
            Verdict::Fail
        };
        let res = &cx.model.resource(z.id).address;
        out.verdict(z.id, &Value::<()>::absent().at("hosted_zone.query_logs"), verdict, || {
            format!(
                "Public hosted zone {res} has no DNS query logging: add aws_route53_query_log {{ zone_id, cloudwatch_log_group_arn }} (Terraform) / QueryLoggingConfig.CloudWatchLogsLogGroupArn (CloudFormation). The log group must be in us-east-1 in the same account, with a resource policy (aws_cloudwatch_log_resource_policy / AWS::Logs::ResourcePolicy) allowing route53.amazonaws.com logs:CreateLogStream and logs:PutLogEvents."
            )
        });
    }
}
