//! Typed values with their source location, origin and provenance.

use crate::source::Span;

/// Where a value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Written in the code (possibly through a variable, parameter or local).
    Explicit,
    /// Not written: the provider's / CloudFormation's default applies.
    Default,
    /// Written, but not knowable statically. The string says what it depends on
    /// (`var.multi`, `Fn::ImportValue`, ...).
    Unknown(String),
}

/// One step of the path a value took to reach the attribute that uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub span: Span,
    pub message: String,
    /// What the step is, so that consumers (the fix planner, the language server, SARIF)
    /// never read the message to decide.
    pub kind: StepKind,
}

/// The kinds of provenance step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// The value is written in a variables file (`terraform.tfvars`, `*.auto.tfvars`,
    /// `-var-file`, their JSON forms) or given by the environment/CLI.
    VarsValue,
    /// The value is the default of a Terraform variable.
    VariableDefault,
    /// The value comes through a Terraform local.
    Local,
    /// The value is passed as an argument of a module call.
    ModuleArgument,
    /// Where a Terraform variable is declared (context).
    Declaration,
    /// A module call that leads to the resource (context).
    ModuleCall,
    /// The value is the default of a CloudFormation parameter.
    ParameterDefault,
    /// The value is given for a CloudFormation parameter (a parameter file or override).
    ParameterValue,
    /// The value is looked up in a CloudFormation mapping.
    Mapping,
    /// The value is passed by a parent stack to a nested stack.
    NestedStackParameter,
}

/// A model field: the value (when known), where it is written, and how it got there.
#[derive(Clone, Debug, PartialEq)]
pub struct Value<T> {
    value: Option<T>,
    pub origin: Origin,
    /// Where the attribute is written in the resource; `None` when it is not written
    /// (findings then point at the resource header).
    pub span: Option<Span>,
    /// The path the value took (variable default, local, parameter default...).
    pub provenance: Vec<Step>,
    /// The language-neutral model field the value fills (`trail.kms_key`), stamped where
    /// the adapter builds the struct ([`stamp_fields!`]); empty when not stamped. Findings
    /// take their field, and so their fingerprint, from it ([`crate::finding::Sink::check`]).
    pub field: &'static str,
}

impl<T> Value<T> {
    pub fn explicit(value: T, span: Option<Span>, provenance: Vec<Step>) -> Self {
        Value {
            value: Some(value),
            origin: Origin::Explicit,
            span,
            provenance,
            field: "",
        }
    }
    pub fn default(value: T) -> Self {
        Value {
            value: Some(value),
            origin: Origin::Default,
            span: None,
            provenance: Vec::new(),
            field: "",
        }
    }
    /// Not written and no default: absent.
    pub fn absent() -> Self {
        Value {
            value: None,
            origin: Origin::Default,
            span: None,
            provenance: Vec::new(),
            field: "",
        }
    }
    /// Written, but empty (`kms_key_id = ""`): known to have no value.
    pub fn empty(span: Option<Span>, provenance: Vec<Step>) -> Self {
        Value {
            value: None,
            origin: Origin::Explicit,
            span,
            provenance,
            field: "",
        }
    }
    pub fn unknown(why: impl Into<String>, span: Option<Span>, provenance: Vec<Step>) -> Self {
        Value {
            value: None,
            origin: Origin::Unknown(why.into()),
            span,
            provenance,
            field: "",
        }
    }
    /// The value, when it is known (explicit or default).
    pub fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }
    pub fn is_unknown(&self) -> bool {
        matches!(self.origin, Origin::Unknown(_))
    }
    /// Written in the code (known or not).
    pub fn is_set(&self) -> bool {
        !matches!(self.origin, Origin::Default)
    }
    /// Not written and without default value.
    pub fn is_absent(&self) -> bool {
        self.origin == Origin::Default && self.value.is_none()
    }
    /// Known to have no value: not written (and no default), or written empty.
    pub fn is_missing(&self) -> bool {
        self.value.is_none() && !self.is_unknown()
    }
    pub fn unresolved(&self) -> Option<&str> {
        match &self.origin {
            Origin::Unknown(why) => Some(why),
            _ => None,
        }
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Value<U> {
        Value {
            value: self.value.map(f),
            origin: self.origin,
            span: self.span,
            provenance: self.provenance,
            field: self.field,
        }
    }
    /// The value, stamped with its neutral model field `field` (`trail.kms_key`).
    pub fn at(mut self, field: &'static str) -> Self {
        self.field = field;
        self
    }
}

/// Stamps the listed `Value` fields of a model struct with their neutral paths,
/// `<prefix>.<field name>`: `stamp_fields!(t, "trail": multi_region, kms_key)` sets
/// `t.multi_region.field = "trail.multi_region"`, and so on.
#[macro_export]
macro_rules! stamp_fields {
    ($s:expr, $prefix:literal : $($f:ident),+ $(,)?) => {{
        $( $s.$f.field = concat!($prefix, ".", stringify!($f)); )+
    }};
}

/// The neutral field of element `index` of a vector of values whose field is `base`:
/// `bucket.policies[0]`, interned ([`crate::interned`]) so that findings keep a
/// `&'static str`.
pub fn indexed_field(base: &str, index: usize) -> &'static str {
    crate::interned::intern(&format!("{base}[{index}]"))
}

/// `base[i]` -> (`base`, `Some(i)`); any other field -> (field, `None`).
pub fn split_index(field: &str) -> (&str, Option<usize>) {
    field
        .strip_suffix(']')
        .and_then(|f| f.rsplit_once('['))
        .and_then(|(base, i)| Some((base, Some(i.parse().ok()?))))
        .unwrap_or((field, None))
}

impl Value<bool> {
    /// Known to be true. Unknown values are neither true nor false.
    pub fn is_true(&self) -> bool {
        self.value == Some(true)
    }
    /// Known to be false. Unknown values are neither true nor false.
    pub fn is_false(&self) -> bool {
        self.value == Some(false)
    }
}
