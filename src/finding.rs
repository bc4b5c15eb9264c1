//! Findings: what a rule reports, located by byte spans; rendered by `crate::report`.

pub mod legacy;

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
    /// The language-neutral model field that decides the finding (`trail.kms_key`), taken
    /// from the reported [`Value`] (see [`Sink::report`]); empty for findings of no rule
    /// (SUP, Guard). Not shown in any output format.
    pub field: &'static str,
    /// A mechanical fix, when the rule has one and every value it touches is known
    /// (computed after the scan by `blindspot fix`'s planner; `None` until then).
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding of `rule_id` at `span`: name, severity, help and references come from
    /// the rule's policy. Every finding is built here, the rules' (through [`Sink`]) and
    /// the suppression pass's (SUP-01, SUP-02).
    pub fn new(rule_id: &'static str, policy: &Policy, message: String, span: Span) -> Finding {
        Finding {
            rule_id,
            rule_name: policy.name.clone(),
            severity: policy.severity,
            message,
            span,
            resource: None,
            resource_type: None,
            iac: None,
            instances: Vec::new(),
            related: Vec::new(),
            help: policy.help.clone(),
            references: policy.all_references(),
            context: None,
            attribute: String::new(),
            field: "",
            fix: None,
        }
    }
}

/// A mechanical fix for one finding: text edits applied together, in one or more files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, in one line ("set `is_multi_region_trail = true`").
    pub description: String,
    /// Why the edit is where it is, when that is not where the value was set (e.g. the
    /// variable default also feeds other resources, so the resource is edited instead).
    pub note: Option<String>,
    /// Non-overlapping edits, sorted by file then start offset.
    pub edits: Vec<Edit>,
}

/// Replace the bytes `span.start..span.end` of `span.file` with `replacement` (an insertion
/// when the span is empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
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
    /// Report notes the rule adds (not findings: advice about what it evaluated, such as
    /// VPC-01's subnet-only coverage or APIGW-02's account note).
    pub(crate) notes: Vec<crate::frontend::Diagnostic>,
    /// Without `--strict`: the file of each finding `--strict` would add (an undecided
    /// check, a resource that may not exist), so that one run counts what a strict run
    /// would report.
    pub(crate) undecided: Vec<crate::source::FileId>,
}

impl Sink<'_> {
    /// Adds a report note (shown in every format's notes, never a finding). Notes of rules
    /// that are not selected are dropped.
    pub fn note(&mut self, span: Option<Span>, anchor: crate::source::FileId, message: String) {
        self.notes.push(crate::frontend::Diagnostic {
            file: span.map_or(anchor, |s| s.file),
            offset: span.map(|s| s.start),
            message,
        });
    }
    /// Whether the rule has evaluated a resource so far.
    pub fn evaluated_any(&self) -> bool {
        !self.checked.is_empty()
    }

    fn base(&self, message: String, span: Span) -> Finding {
        Finding::new(self.rule_id, self.policy, message, span)
    }

    /// Reports on a resource, at `value`'s span when written, else at the resource header.
    /// A resource that may not exist is reported only with `--strict`.
    ///
    /// The finding's field is `value`'s neutral model field, stamped by the adapter
    /// (`adapt::fields`): the rule names no attribute. The fingerprinted attribute is the
    /// field's legacy spelling ([`crate::finding::legacy::legacy_attribute`]), so that
    /// baselines written before fields existed still match.
    pub fn report<T>(&mut self, id: ResourceId, value: &Value<T>, mut message: String) {
        debug_assert!(
            !value.field.is_empty(),
            "{}: reported value has no model field",
            self.rule_id
        );
        self.checked.push(id);
        let res = self.model.resource(id);
        if let Some(cond) = &res.exists_if {
            if !self.strict {
                self.undecided.push(value.span.unwrap_or(res.header).file);
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
        // A resource of a child module: the module calls (where the fix usually goes) are
        // related locations, innermost first; the message names the module once the
        // findings of its instances are merged (`scan::merge_instances`).
        f.related.extend(res.module_calls.iter().cloned());
        f.context = res.context.clone();
        f.attribute =
            crate::finding::legacy::legacy_attribute(self.rule_id, value.field, res.iac.as_str(), &res.resource_type)
                .to_string();
        f.field = value.field;
        self.out.push(f);
    }

    /// Reports when `fails` is known to hold; with `--strict`, also when `value` is unknown,
    /// saying what it depends on.
    pub fn check<T>(&mut self, id: ResourceId, value: &Value<T>, fails: bool, message: impl FnOnce() -> String) {
        self.verdict(id, value, Verdict::of(fails, value), message);
    }

    /// Reports a [`Verdict`] on a resource, at `value`'s span when written, else at the
    /// resource header: a failure always, an unknown only with `--strict`, its reason
    /// given as `could not decide "<rule title>" for <resource> (unresolved: why)`, so that
    /// an undecided check never asserts the bad state. The one place that reads `--strict`
    /// for rules.
    pub fn verdict<T>(&mut self, id: ResourceId, value: &Value<T>, verdict: Verdict, message: impl FnOnce() -> String) {
        self.checked.push(id);
        match verdict {
            Verdict::Pass => {}
            Verdict::Fail => self.report(id, value, message()),
            // Undecided: name the check and what it depends on, never assert the failure.
            Verdict::Unknown(why) if self.strict => {
                let what = format!(
                    "could not decide \"{}\" for {} (unresolved: {why})",
                    self.policy.title,
                    self.model.resource(id).address
                );
                self.report(id, value, what)
            }
            Verdict::Unknown(_) => {
                let header = self.model.resource(id).header;
                self.undecided.push(value.span.unwrap_or(header).file);
            }
        }
    }

    /// An account-scope finding, anchored at `span`, decided by the neutral account-scope
    /// `field` (`account.trails`); its fingerprinted attribute is the field's legacy
    /// spelling ([`crate::finding::legacy::legacy_attribute`], with no language or type).
    pub fn report_account(&mut self, span: Span, field: &'static str, message: String) {
        debug_assert!(
            !field.is_empty(),
            "{}: account finding has no model field",
            self.rule_id
        );
        let mut f = self.base(message, span);
        f.attribute = crate::finding::legacy::legacy_attribute(self.rule_id, field, "", "").to_string();
        f.field = field;
        self.out.push(f);
    }

    /// An account-scope [`Verdict`] anchored at `span` (see [`Sink::verdict`]).
    pub fn verdict_account(
        &mut self,
        span: Span,
        field: &'static str,
        verdict: Verdict,
        message: impl FnOnce() -> String,
    ) {
        match verdict {
            Verdict::Pass => {}
            Verdict::Fail => self.report_account(span, field, message()),
            Verdict::Unknown(why) if self.strict => {
                let what = format!(
                    "could not decide \"{}\" for the account (unresolved: {why})",
                    self.policy.title
                );
                self.report_account(span, field, what)
            }
            Verdict::Unknown(_) => self.undecided.push(span.file),
        }
    }
}

/// What a rule decided about one resource (or the account): the check passes, fails, or
/// cannot be decided statically (and why). Unknowns are reported only with `--strict`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    Unknown(String),
}

impl Verdict {
    /// Fails when `fails` holds; otherwise unknown when `value` is, else passes.
    pub fn of<T>(fails: bool, value: &Value<T>) -> Verdict {
        if fails {
            Verdict::Fail
        } else {
            match value.unresolved() {
                Some(why) => Verdict::Unknown(why.to_string()),
                None => Verdict::Pass,
            }
        }
    }

    pub fn unknown(why: impl Into<String>) -> Verdict {
        Verdict::Unknown(why.into())
    }

    /// Fails when any fails; else unknown when any is (the first reason); else passes.
    pub fn any(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
        let mut out = Verdict::Pass;
        for v in verdicts {
            match v {
                Verdict::Fail => return Verdict::Fail,
                Verdict::Unknown(why) if out == Verdict::Pass => out = Verdict::Unknown(why),
                _ => {}
            }
        }
        out
    }

    /// Fails when all fail (and there is at least one); passes when any passes; else unknown.
    pub fn all(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
        let mut out: Option<Verdict> = None;
        for v in verdicts {
            match v {
                Verdict::Pass => return Verdict::Pass,
                Verdict::Unknown(why) if !matches!(out, Some(Verdict::Unknown(_))) => out = Some(Verdict::Unknown(why)),
                Verdict::Fail if out.is_none() => out = Some(Verdict::Fail),
                _ => {}
            }
        }
        out.unwrap_or(Verdict::Pass)
    }

    pub fn is_fail(&self) -> bool {
        *self == Verdict::Fail
    }
}

impl Finding {
    pub fn is_at_least(&self, s: Severity) -> bool {
        self.severity >= s
    }
}

#[cfg(test)]
mod verdict_tests {
    use super::Verdict::{self, *};

    #[test]
    fn combinators() {
        let u = || Verdict::unknown("var.x");
        assert_eq!(Verdict::any([Pass, u(), Fail]), Fail);
        assert_eq!(Verdict::any([Pass, u()]), u());
        assert_eq!(Verdict::any([]), Pass);
        assert_eq!(Verdict::all([Fail, Fail]), Fail);
        assert_eq!(Verdict::all([Fail, u()]), u());
        assert_eq!(Verdict::all([Fail, u(), Pass]), Pass);
        assert_eq!(Verdict::all([]), Pass);
    }
}
