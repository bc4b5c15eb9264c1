//! RS-01: a Redshift cluster or serverless namespace without audit logging.

use super::and_list;
use crate::finding::{Sink, Verdict};
use crate::model::Value;
use crate::model::vocab::RedshiftLogDestination;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "RS-01",
    policy_source: include_str!("../../../policies/RS-01.toml"),
    check,
};

/// One logging setting judged: verdict, audit logs missing, the export list.
type Judged<'a> = (Verdict, Vec<&'static str>, &'a Value<Vec<String>>);

/// The audit logs `exports` lacks.
fn lacking(exports: &[String]) -> Vec<&'static str> {
    ["connectionlog", "userlog"]
        .into_iter()
        .filter(|t| !exports.iter().any(|e| e == t))
        .collect()
}

fn check(cx: &Context, out: &mut Sink) {
    for r in &cx.model.workloads.redshift {
        let res = &cx.model.resource(r.id).address;
        let what = if r.serverless { "namespace" } else { "cluster" };
        let report = |out: &mut Sink, value: &Value<Vec<String>>, verdict: Verdict, missing: Vec<&str>| {
            out.verdict(r.id, value, verdict, || {
                let of = if missing.is_empty() {
                    String::new()
                } else {
                    format!(" of {}", and_list(&missing))
                };
                format!(
                    "Redshift {what} {res} has no audit logging{of}: add aws_redshift_logging {{ cluster_identifier, log_destination_type, ... }} / log_exports (Terraform) / LoggingProperties / LogExports (CloudFormation)."
                )
            });
        };
        if let Some(why) = &r.unknown {
            report(
                out,
                &Value::absent().at("redshift.logging"),
                Verdict::unknown(why.clone()),
                Vec::new(),
            );
            continue;
        }
        if r.serverless {
            let Some(l) = r.logging.first() else { continue };
            let verdict = match l.exports.get() {
                None if l.exports.is_unknown() => Verdict::unknown(l.exports.unresolved().unwrap_or_default()),
                Some(e) if !e.is_empty() && lacking(e).is_empty() => Verdict::Pass,
                _ => Verdict::Fail,
            };
            let missing = match l.exports.get() {
                Some(e) if !e.is_empty() => lacking(e),
                _ => Vec::new(),
            };
            report(out, &l.exports, verdict, missing);
            continue;
        }
        let on: Vec<_> = r.logging.iter().filter(|l| l.enabled.is_true()).collect();
        if on.is_empty() {
            let verdict = match r.logging.iter().find_map(|l| l.enabled.unresolved()) {
                Some(why) => Verdict::unknown(why),
                None => Verdict::Fail,
            };
            let value = r
                .logging
                .first()
                .map(|l| l.enabled.clone().map(|_| Vec::new()))
                .unwrap_or_else(|| Value::absent().at("redshift.logging"));
            report(out, &value, verdict, Vec::new());
            continue;
        }
        // A CloudWatch Logs destination with an explicit export list must hold both audit
        // logs; an S3 destination (the default) or no list logs everything.
        let judged: Vec<Judged> = on
            .iter()
            .map(|l| {
                let verdict = match (l.destination_type.get(), l.exports.get()) {
                    (None, _) if l.destination_type.is_unknown() => {
                        Verdict::unknown(l.destination_type.unresolved().unwrap_or_default())
                    }
                    (Some(RedshiftLogDestination::CloudWatch), None) if l.exports.is_unknown() => {
                        Verdict::unknown(l.exports.unresolved().unwrap_or_default())
                    }
                    (Some(RedshiftLogDestination::CloudWatch), Some(e)) if !lacking(e).is_empty() => Verdict::Fail,
                    _ => Verdict::Pass,
                };
                let missing = l.exports.get().map(|e| lacking(e)).unwrap_or_default();
                (verdict, missing, &l.exports)
            })
            .collect();
        let pick = judged
            .iter()
            .find(|j| j.0 == Verdict::Pass)
            .or_else(|| judged.iter().find(|j| matches!(j.0, Verdict::Unknown(_))))
            .or(judged.first());
        if let Some((verdict, missing, value)) = pick {
            report(out, value, verdict.clone(), missing.clone());
        }
    }
}
