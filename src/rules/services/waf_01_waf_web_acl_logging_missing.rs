//! WAF-01: a WAF web ACL without logging, or logging to a destination whose name lacks the
//! `aws-waf-logs-` prefix AWS WAF requires.

use super::vended;
use crate::finding::{Sink, Verdict};
use crate::model::services::destination_name;
use crate::model::{Value, services::WebAcl};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "WAF-01",
    policy_source: include_str!("../../../policies/WAF-01.toml"),
    check,
};

const PREFIX: &str = "aws-waf-logs-";

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    let s = &model.services;
    for acl in &s.web_acls {
        let res = &model.resource(acl.id).address;
        if acl.classic {
            let d = &acl.classic_destination;
            out.check(acl.id, d, d.is_missing(), || {
                format!(
                    "WAF web ACL {res} has no logging: add logging_configuration {{ log_destination }} with a Kinesis Data Firehose stream whose name starts with \"{PREFIX}\"."
                )
            });
            if let Some(name) = d.get().and_then(|l| l.literal.as_deref()).map(destination_name) {
                bad_name(
                    cx,
                    out,
                    acl,
                    &d.clone()
                        .map(|_| name.to_string())
                        .at("web_acl.classic_destination.name"),
                );
            }
            continue;
        }
        let configs: Vec<_> = s.waf_logging.iter().filter(|w| acl.logging.contains(&w.id)).collect();
        let logged = configs
            .iter()
            .any(|w| w.destinations_prop.get().is_some_and(|n| *n > 0));
        let verdict = if logged {
            Verdict::Pass
        } else if let Some(w) = configs.iter().find(|w| w.destinations_prop.is_unknown()) {
            Verdict::of(false, &w.destinations_prop)
        } else {
            match vended(cx, acl.id, &[]) {
                Verdict::Fail => match acl.unknown_logging.first() {
                    Some(&w) => Verdict::unknown(format!("the web ACL of {} is not known", model.resource(w).address)),
                    None => Verdict::Fail,
                },
                v => v,
            }
        };
        out.verdict(acl.id, &Value::<()>::absent().at("web_acl.logging"), verdict, || {
            format!(
                "WAF web ACL {res} has no logging: add aws_wafv2_web_acl_logging_configuration with resource_arn = {res}.arn and log_destination_configs (Terraform) / AWS::WAFv2::LoggingConfiguration (CloudFormation)."
            )
        });
        for w in configs {
            for (_, name) in &w.destinations {
                bad_name(cx, out, acl, name);
            }
        }
    }
}

/// The name check: a known destination name without the `aws-waf-logs-` prefix.
fn bad_name(cx: &Context, out: &mut Sink, acl: &WebAcl, name: &Value<String>) {
    let Some(n) = name.get() else { return };
    if n.starts_with(PREFIX) {
        return;
    }
    out.check(acl.id, name, true, || {
        format!(
            "WAF logging destination {n} for {} does not start with \"{PREFIX}\"; AWS WAF requires that prefix for the log group, bucket or Firehose stream, so no logs are delivered.",
            cx.model.resource(acl.id).address
        )
    });
}
