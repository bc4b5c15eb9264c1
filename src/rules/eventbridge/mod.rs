//! EventBridge hygiene (EB-01, EB-02) for rules that watch security events.

pub mod eb01_security_rule_without_target;
pub mod eb02_security_rule_disabled;

use crate::model::EventRule;
use crate::rules::monitoring::controls;

/// `source` values whose events are security events (services.md §5.4, condition 2).
const SECURITY_SOURCES: [&str; 9] = [
    "aws.guardduty",
    "aws.securityhub",
    "aws.config",
    "aws.cloudtrail",
    "aws.signin",
    "aws.iam",
    "aws.sts",
    "aws.kms",
    "aws.organizations",
];

/// `detail.eventSource` values of CloudTrail API calls that are security events
/// (services.md §5.4, condition 3).
const SECURITY_EVENT_SOURCES: [&str; 9] = [
    "guardduty.amazonaws.com",
    "securityhub.amazonaws.com",
    "config.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "signin.amazonaws.com",
    "iam.amazonaws.com",
    "sts.amazonaws.com",
    "kms.amazonaws.com",
    "organizations.amazonaws.com",
];

/// Does the rule watch security events? `None` when its pattern is not known. The
/// definition is services.md §5.4: the pattern matches a canonical CIS event (sign-in events
/// tried with both `detail-type` spellings), or admits a security service at `source`, or
/// admits `AWS API Call via CloudTrail` at `detail-type` and a security service at
/// `detail.eventSource`.
pub fn is_security(r: &EventRule) -> Option<bool> {
    let Some(Ok(p)) = &r.parsed else { return None };
    let canonical = controls()
        .iter()
        .flat_map(|c| &c.envelopes)
        .any(|e| p.matches_cloudtrail(e));
    if canonical {
        return Some(true);
    }
    let Some(pattern) = r.pattern.get() else {
        return Some(false);
    };
    if SECURITY_SOURCES.iter().any(|v| admits(pattern, &["source"], v)) {
        return Some(true);
    }
    let api_call = admits(pattern, &["detail-type"], "AWS API Call via CloudTrail");
    Some(
        api_call
            && SECURITY_EVENT_SOURCES
                .iter()
                .any(|v| admits(pattern, &["detail", "eventSource"], v)),
    )
}

/// Does `pattern` have a condition at `path` that, evaluated alone with the EventBridge
/// matcher, matches `value`?
fn admits(pattern: &serde_json::Value, path: &[&str], value: &str) -> bool {
    let mut cond = pattern;
    for key in path {
        match cond.get(key) {
            Some(next) => cond = next,
            None => return false,
        }
    }
    let (mut sub, mut event) = (cond.clone(), serde_json::Value::String(value.into()));
    for key in path.iter().rev() {
        sub = serde_json::json!({ *key: sub });
        event = serde_json::json!({ *key: event });
    }
    crate::patterns::EventPattern::parse(&sub).is_ok_and(|p| p.matches(&event))
}

#[cfg(test)]
mod tests {
    use super::admits;
    use crate::model::{EventRule, ResourceId, Value};
    use serde_json::json;

    fn security(pattern: serde_json::Value) -> bool {
        let rule = EventRule {
            id: ResourceId(0),
            name: Value::absent(),
            parsed: Some(crate::patterns::EventPattern::parse(&pattern)),
            pattern: Value::explicit(pattern, None, Vec::new()),
            event_bus: Value::default("default".to_string()),
            enabled: Value::default(true),
            targets: Value::default(1),
            target_arns: Vec::new(),
        };
        super::is_security(&rule).unwrap()
    }

    /// The test cases services.md §5.4 says must hold.
    #[test]
    fn spec_cases() {
        assert!(security(
            json!({"source":["aws.guardduty"],"detail-type":["GuardDuty Finding"]})
        ));
        assert!(security(
            json!({"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["iam.amazonaws.com"]}})
        ));
        assert!(!security(
            json!({"source":["aws.ec2"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventName":["StartInstances"]}})
        ));
        assert!(security(
            json!({"source":["aws.ec2"],"detail":{"eventName":["AuthorizeSecurityGroupIngress"]}})
        ));
        assert!(security(json!({"source":["aws.ec2"]})));
        assert!(security(
            json!({"source":["aws.signin"],"detail-type":["AWS Console Signin via CloudTrail"]})
        ));
        // The issue-11 case: a KMS API-call rule.
        assert!(security(
            json!({"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["kms.amazonaws.com"]}})
        ));
        assert!(!security(
            json!({"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["ec2.amazonaws.com"],"eventName":["StartInstances"]}})
        ));
    }

    #[test]
    fn admits_uses_the_matcher() {
        let p = json!({"source":[{"prefix":"aws.gu"}],"detail":{"eventSource":[{"anything-but":"ec2.amazonaws.com"}]}});
        assert!(admits(&p, &["source"], "aws.guardduty"));
        assert!(!admits(&p, &["source"], "aws.iam"));
        assert!(admits(&p, &["detail", "eventSource"], "kms.amazonaws.com"));
        assert!(!admits(&p, &["detail", "eventSource"], "ec2.amazonaws.com"));
        assert!(!admits(&p, &["detail-type"], "AWS API Call via CloudTrail"));
    }
}
