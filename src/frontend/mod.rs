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
    /// (`"${aws_cloudwatch_log_group.x.arn}:*"` still links to `x`). `text`: what the
    /// string is made of, when it is only known text and whole references (a Terraform
    /// interpolation such as that one); Guard's projection writes it as `Fn::Sub`.
    Unknown {
        why: String,
        refs: Vec<RefTo>,
        text: Option<Box<Interpolated>>,
    },
    /// One of several values, depending on something unknown (CloudFormation `Fn::If` on
    /// an unknown condition, a parameter restricted by `AllowedValues`). `None` is an
    /// absent alternative (`AWS::NoValue`: the property takes its default). `why` says
    /// what decides between them. Readers evaluate every alternative the same way: when
    /// all agree the result is known, otherwise it is unknown.
    OneOf {
        why: String,
        alts: Vec<Option<EVal>>,
    },
}

/// The reason of [`EVal::undeclared`] values, before the address.
pub const UNDECLARED: &str = "reference to undeclared ";

/// A reference to a resource of the same unit, by its address (`aws_s3_bucket.logs`, `Bucket`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RefTo {
    pub address: String,
    pub attr: String,
}

/// A string made of known text and references to computed attributes, in order
/// (`"${aws_cloudwatch_log_group.x.arn}:*"` is `[Ref(x.arn), Text(":*")]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Interpolated(pub Vec<Piece>);

#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Text(String),
    Ref(RefTo),
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
                text: None,
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
            V::OneOf { alts, .. } => alts.iter().flatten().flat_map(EVal::refs).collect(),
            _ => Vec::new(),
        }
    }
    /// Reads every alternative of a [`V::OneOf`] with `read`: the common result when all
    /// alternatives are present and agree, else `None`. Other values are read directly.
    fn agreed<T: PartialEq>(&self, read: impl Fn(&EVal) -> Option<T>) -> Option<T> {
        match &self.v {
            V::OneOf { alts, .. } => {
                let mut out: Option<T> = None;
                for alt in alts {
                    let v = read(alt.as_ref()?)?;
                    match &out {
                        Some(prev) if *prev != v => return None,
                        _ => out = Some(v),
                    }
                }
                out
            }
            _ => read(self),
        }
    }
    /// Known text (strings, numbers and booleans read as text, like both languages do).
    pub fn as_text(&self) -> Option<String> {
        self.agreed(|e| match &e.v {
            V::Str(s) => Some(s.clone()),
            V::Num(n) => Some(format_number(*n)),
            V::Bool(b) => Some(b.to_string()),
            _ => None,
        })
    }
    /// Known boolean; `"true"`/`"false"` strings convert as Terraform and CloudFormation do.
    pub fn as_bool(&self) -> Option<bool> {
        self.agreed(|e| match &e.v {
            V::Bool(b) => Some(*b),
            V::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            V::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        })
    }
    pub fn as_num(&self) -> Option<f64> {
        self.agreed(|e| match &e.v {
            V::Num(n) => Some(*n),
            V::Str(s) => s.trim().parse().ok(),
            _ => None,
        })
    }
    /// A JSON document given as text (policy documents, event patterns), as a value whose
    /// every part points at `span` (the string it came from). `None` when it is not JSON.
    pub fn from_json_text(text: &str, span: Option<Span>) -> Option<EVal> {
        let node = crate::doc::json::parse(text).ok()?;
        Some(EVal::from_node(&node, span))
    }

    /// Converts a plain document tree (no intrinsics) into a value located at `span`.
    pub fn from_node(node: &crate::doc::Node, span: Option<Span>) -> EVal {
        use crate::doc::Kind;
        let v = match &node.kind {
            Kind::Null => V::Null,
            Kind::Bool(b) => V::Bool(*b),
            Kind::Number(n) => n.parse().map(V::Num).unwrap_or_else(|_| V::Str(n.clone())),
            Kind::Str(s) => V::Str(s.clone()),
            Kind::Seq(items) => V::List(items.iter().map(|i| EVal::from_node(i, span)).collect()),
            Kind::Map(entries) => V::Map(
                entries
                    .iter()
                    .map(|e| Prop {
                        key: e.key.clone(),
                        span: span.unwrap_or_default(),
                        val: EVal::from_node(&e.value, span),
                    })
                    .collect(),
            ),
        };
        EVal::new(v, span)
    }

    /// Why the value is unknown, when it is.
    /// A reference to a resource (Terraform address, CloudFormation logical id) that the
    /// module or template does not declare: invalid configuration, which `terraform
    /// validate` and CloudFormation reject. The value is unknown, but a link made of it is
    /// known to point at no declared resource (`crate::model::Link` with no target).
    pub fn undeclared(what: &str, span: Option<Span>) -> EVal {
        EVal::unknown(format!("{UNDECLARED}{what}"), span)
    }
    /// Whether this is [`EVal::undeclared`] (also as a Terraform evaluation error).
    pub fn is_undeclared(&self) -> bool {
        matches!(&self.v, V::Unknown { why, .. }
            if why.strip_prefix("error: ").unwrap_or(why).starts_with(UNDECLARED))
    }
    pub fn unknown_why(&self) -> Option<&str> {
        match &self.v {
            V::Unknown { why, .. } | V::OneOf { why, .. } => Some(why),
            _ => None,
        }
    }
    /// A document property (`EventPattern`, `PolicyDocument`, ...) as structure: a map or
    /// list as is, a known string parsed as JSON (spans point at the string). `None` when
    /// the value is unknown or the string is not JSON.
    pub fn as_document(&self) -> Option<EVal> {
        match &self.v {
            V::Map(_) | V::List(_) => Some(self.clone()),
            V::Str(s) => {
                let mut out = EVal::from_json_text(s, self.span)?;
                out.prov = self.prov.clone();
                Some(out)
            }
            _ => None,
        }
    }
}

/// A plain data node (no intrinsics) as a value; every part gets `span`.
pub fn from_node(node: &crate::doc::Node, span: Option<Span>) -> EVal {
    EVal::from_node(node, span)
}

/// Converts a fully known value to JSON; `None` when any part is unknown.
pub fn to_json(v: &EVal) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match &v.v {
        V::Null => J::Null,
        V::Bool(b) => J::Bool(*b),
        V::Num(n) => {
            if n.fract() == 0.0 && n.abs() < 1e15 {
                J::from(*n as i64)
            } else {
                serde_json::Number::from_f64(*n).map(J::Number)?
            }
        }
        V::Str(s) => J::String(s.clone()),
        V::List(items) => J::Array(items.iter().map(to_json).collect::<Option<_>>()?),
        V::Map(props) => {
            let mut m = serde_json::Map::new();
            // Sorted whatever serde_json's map order is (see `doc::json::sort_keys`).
            let mut props: Vec<&Prop> = props.iter().collect();
            props.sort_by(|a, b| a.key.cmp(&b.key));
            for p in props {
                m.insert(p.key.clone(), to_json(&p.val)?);
            }
            J::Object(m)
        }
        V::Ref(_) | V::Unknown { .. } | V::OneOf { .. } => return None,
    })
}

/// Standard base64 with padding (Terraform's `base64encode`, CloudFormation's `Fn::Base64`).
pub fn base64(data: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(data)
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
    /// Module instance, `count`/`for_each` key and provider (for instance-aware links).
    pub instance: crate::model::Instance,
    pub context: Option<String>,
    /// What the resource's existence depends on, when that is unknown.
    pub exists_if: Option<String>,
    /// For a resource of a child module: the `module` blocks that call it, innermost
    /// first (where its module's arguments are set).
    pub module_calls: Vec<crate::model::Step>,
}

/// What a front end produced from one unit (a Terraform module, a template). References
/// in [`RefTo`] resolve against the unit's own resources.
#[derive(Clone, Debug, Default)]
pub struct Unit {
    pub resources: Vec<RawResource>,
    pub notes: Vec<Diagnostic>,
    /// Suppression directives written on the unit's resources (CloudFormation `Metadata`);
    /// Terraform comments come with each parsed file (`terraform::ParsedFile::directives`).
    pub directives: Vec<crate::directive::Directive>,
    /// Terraform roots: the AWS provider version they run with (lock file, constraints).
    pub aws_provider: crate::model::ProviderVersion,
}

/// A located message about a file (parse error or informational note).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: FileId,
    /// Byte offset in the file; `None` when the problem is the whole file (unreadable).
    pub offset: Option<u32>,
    pub message: String,
}

/// `a string`, `a list`, ...: what a value is, for messages.
pub fn kind_of(v: &V) -> &'static str {
    match v {
        V::Null => "null",
        V::Bool(_) => "a boolean",
        V::Num(_) => "a number",
        V::Str(_) => "a string",
        V::List(_) => "a list",
        V::Map(_) => "a block or map",
        V::Ref(_) => "a reference",
        V::Unknown { .. } => "an unknown value",
        V::OneOf { .. } => "one of several values",
    }
}
