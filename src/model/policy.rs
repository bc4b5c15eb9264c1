//! IAM-style policy documents as data (bucket policies), whatever syntax wrote them.

/// A policy document. Parts that could not be known make the decisions that need them
/// unknown (the `Option`s below), never failing.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PolicyDocument {
    pub statements: Vec<Statement>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Statement {
    /// `Allow` / `Deny`; `None` when unknown.
    pub effect: Option<String>,
    /// Whether the principal is everyone (`"*"` or `{"AWS": "*"}`); `None` when unknown.
    pub principal_everyone: Option<bool>,
    /// `None` when unknown (or written as `NotAction`).
    pub actions: Option<Vec<String>>,
    /// `Resource`; `None` when unknown (or written as `NotResource`).
    pub resources: Option<Vec<String>>,
    /// Conditions as (operator, key, values); `None` when unknown.
    pub conditions: Option<Vec<Condition>>,
    /// The condition keys (`aws:SourceArn`), known even when their values are not; `None`
    /// when the keys themselves are unknown.
    pub condition_keys: Option<Vec<String>>,
    /// The `Service` principals; empty when there are none, `None` when unknown.
    pub principal_services: Option<Vec<String>>,
    /// Where the statement is written, when the document has spans of its own (an object
    /// in the template, `jsonencode`); `None` for JSON text.
    pub span: Option<crate::source::Span>,
}

/// Condition keys that tie a service principal's access to this account or trail
/// (CT-12; `aws:SourceOrgID` per services.md 6).
const SOURCE_KEYS: [&str; 3] = ["aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID"];

/// Does an IAM action pattern (`s3:Put*`, `*`) cover `action`? Case-insensitive.
pub fn action_covers(pattern: &str, action: &str) -> bool {
    covers(pattern, action)
}

/// Three-valued "all": false if one is false, true if all are true, else unknown.
fn all(values: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for v in values {
        match v {
            Some(false) => return Some(false),
            Some(true) => {}
            None => unknown = true,
        }
    }
    if unknown { None } else { Some(true) }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub operator: String,
    pub key: String,
    pub values: Vec<String>,
}

impl Statement {
    fn is(&self, effect: &str) -> Option<bool> {
        self.effect.as_deref().map(|e| e.eq_ignore_ascii_case(effect))
    }

    /// `Allow` to everyone without any condition. `None` when that cannot be decided.
    pub fn allows_everyone_unconditionally(&self) -> Option<bool> {
        if self.is("Allow")? {
            Some(self.principal_everyone? && self.conditions.as_ref()?.is_empty())
        } else {
            Some(false)
        }
    }

    /// `Deny` when `aws:SecureTransport` is false. `None` when that cannot be decided.
    pub fn denies_insecure_transport(&self) -> Option<bool> {
        if !self.is("Deny")? {
            return Some(false);
        }
        Some(self.conditions.as_ref()?.iter().any(|c| {
            c.operator.eq_ignore_ascii_case("Bool")
                && c.key.eq_ignore_ascii_case("aws:SecureTransport")
                && c.values.iter().any(|v| v.eq_ignore_ascii_case("false"))
        }))
    }
}

impl Statement {
    /// `Allow` for service principal `cloudtrail.amazonaws.com` on an action covering
    /// `s3:PutObject`, with none of the condition keys `aws:SourceArn`, `aws:SourceAccount`,
    /// `aws:SourceOrgID` (any operator). `None` when that cannot be decided.
    pub fn cloudtrail_writes_without_source_condition(&self) -> Option<bool> {
        all([
            self.is("Allow"),
            self.principal_services
                .as_ref()
                .map(|s| s.iter().any(|p| p.eq_ignore_ascii_case("cloudtrail.amazonaws.com"))),
            self.actions
                .as_ref()
                .map(|a| a.iter().any(|p| action_covers(p, "s3:PutObject"))),
            self.condition_keys.as_ref().map(|keys| {
                !keys
                    .iter()
                    .any(|key| SOURCE_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)))
            }),
        ])
    }
}

/// Case-insensitive IAM wildcard match (`*` any run, `?` one character) of `pattern`
/// against `subject`, where `\0` in the subject stands for "anything" and only a `*`
/// can cover it.
fn covers(pattern: &str, subject: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let s: Vec<char> = subject.to_lowercase().chars().collect();
    // Classic two-pointer glob with backtracking to the last `*`.
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < s.len() {
        if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if i < p.len() && s[j] != '\0' && (p[i] == '?' || p[i] == s[j]) {
            i += 1;
            j += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

/// The partitions an `arn:<partition>:s3:::` pattern may name.
const PARTITIONS: [&str; 6] = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-eusc"];

impl Statement {
    /// `Deny` to everyone (`"*"` / `{"AWS": "*"}`, conditions allowed) of both
    /// `s3:DeleteObject` and `s3:DeleteObjectVersion` on every object of the bucket
    /// (`bucket` is its name, `None` when unknown). `None` when that cannot be decided.
    pub fn denies_object_deletion(&self, bucket: Option<&str>) -> Option<bool> {
        if !self.is("Deny")? || !self.principal_everyone? {
            return Some(false);
        }
        // A Deny limited to requests without TLS (S3-08's statement) leaves TLS deletions
        // allowed: only exceptions (a break-glass principal) count as conditions.
        if self.denies_insecure_transport()? {
            return Some(false);
        }
        let actions = self.actions.as_ref()?;
        let all_actions = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
            .iter()
            .all(|a| actions.iter().any(|p| covers(p, a)));
        if !all_actions {
            return Some(false);
        }
        let resources = self.resources.as_ref()?;
        let objects = |name: &str| {
            resources.iter().any(|r| {
                PARTITIONS
                    .iter()
                    .any(|part| covers(r, &format!("arn:{part}:s3:::{name}/\0")))
            })
        };
        // Covering every bucket's objects decides without the name.
        if objects("\0") {
            return Some(true);
        }
        bucket.map(objects)
    }
}

impl PolicyDocument {
    /// Some statement denies everyone deleting the bucket's objects and object versions
    /// (`None`: cannot be decided).
    pub fn denies_object_deletion(&self, bucket: Option<&str>) -> Option<bool> {
        any(self.statements.iter().map(|s| s.denies_object_deletion(bucket)))
    }

    /// Some statement allows everyone without condition (`None`: cannot be decided).
    pub fn is_public(&self) -> Option<bool> {
        any(self.statements.iter().map(Statement::allows_everyone_unconditionally))
    }

    /// Some statement denies requests without TLS (`None`: cannot be decided).
    pub fn denies_insecure_transport(&self) -> Option<bool> {
        any(self.statements.iter().map(Statement::denies_insecure_transport))
    }
}

/// Three-valued "any": true if one is true, false if all are false, else unknown.
fn any(values: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for v in values {
        match v {
            Some(true) => return Some(true),
            Some(false) => {}
            None => unknown = true,
        }
    }
    if unknown { None } else { Some(false) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deny(actions: &[&str], resources: &[&str]) -> Statement {
        Statement {
            effect: Some("Deny".into()),
            principal_everyone: Some(true),
            actions: Some(actions.iter().map(|s| s.to_string()).collect()),
            resources: Some(resources.iter().map(|s| s.to_string()).collect()),
            conditions: Some(Vec::new()),
            condition_keys: Some(Vec::new()),
            principal_services: Some(Vec::new()),
            span: None,
        }
    }

    #[test]
    fn object_deletion_denials() {
        let both = ["s3:DeleteObject", "s3:DeleteObjectVersion"];
        let b = Some("logs");
        assert_eq!(
            deny(&both, &["arn:aws:s3:::logs/*"]).denies_object_deletion(b),
            Some(true)
        );
        assert_eq!(
            deny(&["s3:Delete*"], &["arn:aws:s3:::logs/*"]).denies_object_deletion(b),
            Some(true)
        );
        assert_eq!(deny(&["*"], &["*"]).denies_object_deletion(None), Some(true));
        assert_eq!(
            deny(&["s3:*"], &["arn:*:s3:::log?/*"]).denies_object_deletion(b),
            Some(true)
        );
        assert_eq!(
            deny(&["S3:deleteobject*"], &["arn:aws-cn:s3:::logs/*"]).denies_object_deletion(b),
            Some(true)
        );
        // Only one of the two actions, only a prefix, the bucket itself, another bucket.
        assert_eq!(
            deny(&["s3:DeleteObject"], &["arn:aws:s3:::logs/*"]).denies_object_deletion(b),
            Some(false)
        );
        assert_eq!(
            deny(&both, &["arn:aws:s3:::logs/AWSLogs/*"]).denies_object_deletion(b),
            Some(false)
        );
        assert_eq!(
            deny(&both, &["arn:aws:s3:::logs"]).denies_object_deletion(b),
            Some(false)
        );
        assert_eq!(
            deny(&both, &["arn:aws:s3:::other/*"]).denies_object_deletion(b),
            Some(false)
        );
        assert_eq!(
            deny(&both, &["arn:aws:s3:::logs/?"]).denies_object_deletion(b),
            Some(false)
        );
        // Unknown name: only a pattern covering every bucket decides.
        assert_eq!(deny(&both, &["arn:aws:s3:::logs/*"]).denies_object_deletion(None), None);
        let mut allow = deny(&both, &["*"]);
        allow.effect = Some("Allow".into());
        assert_eq!(allow.denies_object_deletion(b), Some(false));
        let mut unknown = deny(&both, &["*"]);
        unknown.resources = None;
        assert_eq!(unknown.denies_object_deletion(b), None);
        // The TLS-only Deny of S3-08 does not deny deletions over TLS, whatever its resource.
        let mut tls = deny(&["s3:*"], &["*"]);
        tls.resources = None;
        tls.conditions = Some(vec![Condition {
            operator: "Bool".into(),
            key: "aws:SecureTransport".into(),
            values: vec!["false".into()],
        }]);
        assert_eq!(tls.denies_object_deletion(b), Some(false));
    }
}
