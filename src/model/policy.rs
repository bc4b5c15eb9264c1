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
    /// `None` when unknown.
    pub actions: Option<Vec<String>>,
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
    fn glob(p: &[u8], a: &[u8]) -> bool {
        match (p.first(), a.first()) {
            (None, None) => true,
            (Some(b'*'), _) => glob(&p[1..], a) || (!a.is_empty() && glob(p, &a[1..])),
            (Some(b'?'), Some(_)) => glob(&p[1..], &a[1..]),
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => glob(&p[1..], &a[1..]),
            _ => false,
        }
    }
    glob(pattern.as_bytes(), action.as_bytes())
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

impl PolicyDocument {
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
