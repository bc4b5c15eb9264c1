//! OS-01: an OpenSearch / Elasticsearch domain that publishes no audit or error logs.

use crate::finding::{Sink, Verdict};
use crate::model::Value;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "OS-01",
    policy_source: include_str!("../../../policies/OS-01.toml"),
    check,
};

/// `6.7`, `Elasticsearch_6.7` -> (6, 7); `None` for other text.
fn es_version(text: &str) -> Option<(u32, u32)> {
    let v = text.strip_prefix("Elasticsearch_").unwrap_or(text);
    let mut parts = v.split('.');
    let major = parts.next()?.trim().parse().ok()?;
    let minor = parts.next().unwrap_or("0").trim().parse().ok()?;
    Some((major, minor))
}

/// Whether a log type with this minimum Elasticsearch version is evaluated: `Some(true)`
/// evaluate, `Some(false)` skip, `None` unknown (undecided unless the log type is published).
fn evaluated(elasticsearch: bool, version: &Value<String>, min: (u32, u32)) -> Option<bool> {
    if version.is_unknown() {
        return None;
    }
    match version.get() {
        // Elasticsearch domains: only with an explicit version (services.md 6).
        None => Some(!elasticsearch),
        Some(v) if elasticsearch => Some(es_version(v).is_some_and(|v| v >= min)),
        Some(v) if v.starts_with("Elasticsearch_") => Some(es_version(v).is_some_and(|v| v >= min)),
        Some(_) => Some(true),
    }
}

fn check(cx: &Context, out: &mut Sink) {
    for d in &cx.model.workloads.domains {
        let mut missing: Vec<(&str, &str, &Value<bool>)> = Vec::new();
        let mut unknown: Option<String> = None;
        for (label, log_type, value, min) in [
            ("audit", "AUDIT_LOGS", &d.audit, (6, 7)),
            ("error (application)", "ES_APPLICATION_LOGS", &d.application, (5, 1)),
        ] {
            match evaluated(d.elasticsearch, &d.version, min) {
                Some(true) => {}
                Some(false) => continue,
                // The version decides whether the log type applies: undecided unless the
                // log type is published anyway.
                None => {
                    if !value.is_true() {
                        let why = d.version.unresolved().unwrap_or("unresolved");
                        unknown.get_or_insert_with(|| {
                            format!(
                                "the engine version, which decides whether {label} logs apply, is not known ({why})"
                            )
                        });
                    }
                    continue;
                }
            }
            if value.is_false() {
                missing.push((label, log_type, value));
            } else if let Some(why) = value.unresolved() {
                unknown.get_or_insert_with(|| why.to_string());
            }
        }
        let res = &cx.model.resource(d.id).address;
        let verdict = match (&missing[..], unknown) {
            ([], Some(why)) => Verdict::unknown(why),
            ([], None) => Verdict::Pass,
            _ => Verdict::Fail,
        };
        let value = missing.first().map(|m| m.2).unwrap_or(&d.audit);
        let what = match missing.len() {
            2 => "audit and error logs".to_string(),
            _ => missing.first().map(|m| format!("{} logs", m.0)).unwrap_or_default(),
        };
        let types: Vec<&str> = missing.iter().map(|m| m.1).collect();
        let audit_missing = missing.iter().any(|m| m.1 == "AUDIT_LOGS");
        out.verdict(d.id, value, verdict, || {
            let mut m = format!(
                "OpenSearch domain {res} does not publish {what} to CloudWatch Logs: add log_publishing_options {{ log_type = \"{}\", cloudwatch_log_group_arn = ... }} (Terraform) / LogPublishingOptions {}: {{CloudWatchLogsLogGroupArn, Enabled: true}} (CloudFormation).",
                types.join("\" and \""),
                types.join(" and ")
            );
            if audit_missing && !d.fine_grained.is_true() {
                m += " Audit logs require fine-grained access control to be enabled.";
            }
            m
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_gate_log_types() {
        let v = |s: &str| Value::explicit(s.to_string(), None, Vec::new());
        assert_eq!(evaluated(true, &v("6.7"), (6, 7)), Some(true));
        assert_eq!(evaluated(true, &v("6.5"), (6, 7)), Some(false));
        assert_eq!(evaluated(true, &v("7.10"), (6, 7)), Some(true));
        assert_eq!(evaluated(true, &Value::absent(), (6, 7)), Some(false));
        assert_eq!(evaluated(false, &Value::absent(), (6, 7)), Some(true));
        assert_eq!(evaluated(false, &v("OpenSearch_2.11"), (6, 7)), Some(true));
        assert_eq!(evaluated(false, &v("Elasticsearch_5.6"), (6, 7)), Some(false));
        assert_eq!(evaluated(false, &v("Elasticsearch_5.6"), (5, 1)), Some(true));
        assert_eq!(
            evaluated(false, &Value::unknown("var.v", None, Vec::new()), (5, 1)),
            None
        );
    }
}
