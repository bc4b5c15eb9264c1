//! EventBridge hygiene (EB-01, EB-02) for rules that watch security events.

pub mod eb01_security_rule_without_target;
pub mod eb02_security_rule_disabled;

use crate::model::EventRule;
use crate::rules::monitoring::controls;

/// Sources whose events are security events.
const SECURITY_SOURCES: [&str; 6] = [
    "aws.guardduty",
    "aws.securityhub",
    "aws.config",
    "aws.cloudtrail",
    "aws.signin",
    "aws.iam",
];

/// Does the rule watch security events (a canonical CIS event, or a security source)?
/// `None` when its pattern is not known.
pub fn is_security(r: &EventRule) -> Option<bool> {
    let Some(Ok(p)) = &r.parsed else { return None };
    if controls().iter().flat_map(|c| &c.envelopes).any(|e| p.matches(e)) {
        return Some(true);
    }
    let sources = r.pattern.get().and_then(|j| j.get("source"));
    let named = match sources {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(serde_json::Value::as_str)
            .any(|s| SECURITY_SOURCES.contains(&s)),
        Some(serde_json::Value::String(s)) => SECURITY_SOURCES.contains(&s.as_str()),
        _ => false,
    };
    Some(named)
}
