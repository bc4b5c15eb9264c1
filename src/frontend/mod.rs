//! Front ends: the only code that knows HCL, YAML or JSON exist. Each turns its files
//! into [`RawResource`]s whose properties are already evaluated ([`EVal`]) and carry
//! spans; `crate::adapt` turns those into the typed model.

pub mod cloudformation;
pub mod terraform;

use crate::model::{Iac, Step};
use crate::source::{FileId, Span};

/// An evaluated value with the span of the expression that produced it and the
/// provenance steps it went through (variable default, local, parameter default...).
#[derive(Clone, Debug, PartialEq)]
pub struct EVal {
    pub v: V,
    pub span: Option<Span>,
    pub prov: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    List(Vec<EVal>),
    Map(Vec<Prop>),
    /// A computed attribute of another resource in the same unit (`aws_s3_bucket.b.id`,
    /// `!Ref Bucket`, `!GetAtt Group.Arn`): unknown text, known target.
    Ref(RefTo),
    /// Not knowable statically; `refs` are the resources it mentions
    /// (`"${aws_cloudwatch_log_group.x.arn}:*"` still links to `x`).
    Unknown {
        why: String,
        refs: Vec<RefTo>,
    },
}

/// A reference to a resource of the same unit, by its address (`aws_s3_bucket.logs`, `Bucket`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RefTo {
    pub address: String,
    pub attr: String,
}

/// One property (attribute, block or CloudFormation key) with the span of the whole
/// `key = value` / `Key: value` text.
#[derive(Clone, Debug, PartialEq)]
pub struct Prop {
    pub key: String,
    pub span: Span,
    pub val: EVal,
}

impl EVal {
    pub fn new(v: V, span: Option<Span>) -> EVal {
        EVal {
            v,
            span,
            prov: Vec::new(),
        }
    }
    pub fn unknown(why: impl Into<String>, span: Option<Span>) -> EVal {
        EVal::new(
            V::Unknown {
                why: why.into(),
                refs: Vec::new(),
            },
            span,
        )
    }
    pub fn get(&self, key: &str) -> Option<&Prop> {
        match &self.v {
            V::Map(props) => props.iter().find(|p| p.key == key),
            _ => None,
        }
    }
    pub fn is_unknown(&self) -> bool {
        matches!(self.v, V::Unknown { .. })
    }
    /// The references this value mentions, directly or inside unknown text.
    pub fn refs(&self) -> Vec<&RefTo> {
        match &self.v {
            V::Ref(r) => vec![r],
            V::Unknown { refs, .. } => refs.iter().collect(),
            _ => Vec::new(),
        }
    }
    /// Known text (strings, numbers and booleans read as text, like both languages do).
    pub fn as_text(&self) -> Option<String> {
        match &self.v {
            V::Str(s) => Some(s.clone()),
            V::Num(n) => Some(format_number(*n)),
            V::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    /// Known boolean; `"true"`/`"false"` strings convert as Terraform and CloudFormation do.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.v {
            V::Bool(b) => Some(*b),
            V::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            V::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
    pub fn as_num(&self) -> Option<f64> {
        match &self.v {
            V::Num(n) => Some(*n),
            V::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    /// Why the value is unknown, when it is.
    pub fn unknown_why(&self) -> Option<&str> {
        match &self.v {
            V::Unknown { why, .. } => Some(why),
            _ => None,
        }
    }
}

pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Which vocabulary a resource's properties use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Terraform,
    CloudFormation,
}

/// A resource as a front end sees it: evaluated properties, not yet typed.
#[derive(Clone, Debug)]
pub struct RawResource {
    pub address: String,
    pub resource_type: String,
    pub iac: Iac,
    pub lang: Lang,
    pub header: Span,
    pub props: Vec<Prop>,
    pub instances: Vec<String>,
    pub context: Option<String>,
    /// What the resource's existence depends on, when that is unknown.
    pub exists_if: Option<String>,
    /// Suppressions written on the resource (CloudFormation `Metadata`); Terraform
    /// comments are read by `crate::suppress` from the file text.
    pub suppressions: Vec<crate::suppress::Directive>,
}

/// What a front end produced from one unit (a Terraform module, a template). References
/// in [`RefTo`] resolve against the unit's own resources.
#[derive(Clone, Debug, Default)]
pub struct Unit {
    pub resources: Vec<RawResource>,
    pub notes: Vec<Diagnostic>,
}

/// A located message about a file (parse error or informational note).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: FileId,
    /// Byte offset in the file; `None` when the problem is the whole file (unreadable).
    pub offset: Option<u32>,
    pub message: String,
}
