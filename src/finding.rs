//! Findings: what a rule reports, located by byte spans; rendered by `crate::report`.

use crate::model::{ResourceId, Step, Value};
use crate::policy::{Policy, Severity};
use crate::source::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule_id: &'static str,
    pub rule_name: String,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub resource: Option<String>,
    pub resource_type: Option<String>,
    pub iac: Option<&'static str>,
    pub instances: Vec<String>,
    pub related: Vec<Step>,
    pub help: String,
    pub references: Vec<String>,
    /// Context shown with the finding (CDK construct path, ...).
    pub context: Option<String>,
    /// What decides the finding, for a fingerprint that survives line moves
    /// (e.g. `is_multi_region_trail`).
    pub attribute: String,
}

/// Collects one rule's findings.
pub struct Sink<'a> {
    pub(crate) policy: &'a Policy,
    pub(crate) rule_id: &'static str,
    pub(crate) model: &'a crate::model::Model,
    pub(crate) strict: bool,
    pub(crate) out: Vec<Finding>,
    /// The resources this rule evaluated (reported or found clean), for reports that show
    /// what was checked (JUnit passing test cases).
    pub(crate) checked: Vec<ResourceId>,
}

impl Sink<'_> {
    fn base(&self, message: String, span: Span) -> Finding {
        Finding {
            rule_id: self.rule_id,
            rule_name: self.policy.name.clone(),
            severity: self.policy.severity,
            message,
            span,
            resource: None,
            resource_type: None,
            iac: None,
            instances: Vec::new(),
            related: Vec::new(),
            help: self.policy.help.clone(),
            references: self.policy.references.clone(),
            context: None,
            attribute: String::new(),
        }
    }

    /// Reports on a resource, at `value`'s span when written, else at the resource header.
    /// A resource that may not exist is reported only with `--strict`.
    pub fn report<T>(&mut self, id: ResourceId, value: &Value<T>, attribute: &str, mut message: String) {
        self.checked.push(id);
        let res = self.model.resource(id);
        if let Some(cond) = &res.exists_if {
            if !self.strict {
                return;
            }
            message = format!("{message} (unresolved: exists only if {cond})");
        }
        let mut f = self.base(message, value.span.unwrap_or(res.header));
        f.resource = Some(res.address.clone());
        f.resource_type = Some(res.resource_type.clone());
        f.iac = Some(res.iac.as_str());
        f.instances = res.instances.clone();
        f.related = value.provenance.clone();
        f.context = res.context.clone();
        f.attribute = attribute.to_string();
        self.out.push(f);
    }

    /// Reports when `fails` is known to hold; with `--strict`, also when `value` is unknown,
    /// saying what it depends on.
    pub fn check<T>(
        &mut self,
        id: ResourceId,
        value: &Value<T>,
        attribute: &str,
        fails: bool,
        message: impl FnOnce() -> String,
    ) {
        self.checked.push(id);
        if fails {
            self.report(id, value, attribute, message());
        } else if self.strict
            && let Some(why) = value.unresolved()
        {
            let why = why.to_string();
            self.report(id, value, attribute, format!("{} (unresolved: {why})", message()));
        }
    }

    /// An account-scope finding, anchored at `span`.
    pub fn report_account(&mut self, span: Span, attribute: &str, message: String) {
        let mut f = self.base(message, span);
        f.attribute = attribute.to_string();
        self.out.push(f);
    }

    pub fn is_strict(&self) -> bool {
        self.strict
    }
}

impl Finding {
    pub fn is_at_least(&self, s: Severity) -> bool {
        self.severity >= s
    }
}
