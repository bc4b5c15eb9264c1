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
