//! Evaluation of one template: parameters (defaults and overrides), conditions,
//! mappings and every intrinsic function, in long (`Fn::Join`) and short (`!Join`) form.
//!
//! What cannot be known becomes [`V::Unknown`] and keeps the resources it mentions, so
//! links survive (`!Sub "${Group.Arn}:*"`). `Fn::If` on an unknown condition becomes
//! [`V::OneOf`] its branches; readers decide per alternative (no enumeration of
//! condition combinations). Recursion follows the document tree, whose depth the
//! loaders cap.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::doc::{ByteSpan, FastMap, Kind, Node};
use crate::frontend::{EVal, Prop, RefTo, V, from_node};
use crate::model::Step;
use crate::source::{FileId, Span};

/// The marker for `!Ref AWS::NoValue` while evaluating: removed from maps and lists,
/// an absent alternative in [`V::OneOf`].
pub(super) const NO_VALUE: &str = "AWS::NoValue";
/// The most alternatives a [`V::OneOf`] may hold; beyond, the value is just unknown.
pub(super) const MAX_ALTS: usize = 64;
/// The most items `Fn::ForEach`, `Fn::Split` and `Fn::Cidr` may produce.
const MAX_ITEMS: usize = 1024;
/// The most entries all `Fn::ForEach` loops of a template may generate together.
const MAX_GENERATED: usize = 10_000;
/// The total size of shared values (parameter values, mapping values, `Fn::Sub`
/// variables, loop variables) that references may copy in one template, in the units of
/// [`size`]: one per value and provenance step, one per 64 bytes of text. Beyond it the
/// references are unknown and one located note says so (a 100,000-item parameter
/// referenced 1,000 times would otherwise copy 100 million values).
pub(super) const COPY_BUDGET: usize = 1_000_000;
/// Text of the note (and the unknown values) when [`COPY_BUDGET`] runs out.
pub(super) const BUDGET_EXCEEDED: &str = "evaluation budget exceeded";
/// `Fn::Sub` variable maps larger than this are indexed by name.
const SUB_INDEX_THRESHOLD: usize = 8;

pub(super) fn span(file: FileId, s: ByteSpan) -> Span {
    Span::new(file, s.start as usize, s.end as usize)
}

pub(super) fn is_no_value(v: &EVal) -> bool {
    matches!(&v.v, V::Unknown { why, refs, .. } if why == NO_VALUE && refs.is_empty())
}

/// Parameter values given from outside the template (command line, parameter file,
/// a parent stack's `Parameters`), by name.
pub type Overrides = HashMap<String, EVal>;

pub struct Evaluator<'a> {
    pub file: FileId,
    params: FastMap<&'a str, &'a Node>,
    overrides: &'a Overrides,
    /// Logical ids (including those `Fn::ForEach` generates) and their types.
    pub resources: FastMap<String, String>,
    conditions: FastMap<&'a str, &'a Node>,
    cond_cache: RefCell<FastMap<String, Option<bool>>>,
    cond_active: RefCell<Vec<String>>,
    mappings: Option<&'a Node>,
    /// `Fn::ForEach` loop variables in scope, innermost last.
    pub env: RefCell<Vec<(String, EVal)>>,
    /// Informational notes (byte offset, message).
    pub notes: RefCell<Vec<(u32, String)>>,
    /// Entries `Fn::ForEach` has generated so far (nested loops multiply).
    generated: std::cell::Cell<usize>,
    /// What is left of [`COPY_BUDGET`].
    budget: std::cell::Cell<usize>,
    /// `resources` holds every logical id the template can have (no `Transform`, which
    /// may add resources, and no `Fn::ForEach`): a `Ref`/`Fn::GetAtt` to another id is
    /// dangling, which CloudFormation rejects.
    pub complete: bool,
}

impl<'a> Evaluator<'a> {
    pub fn new(file: FileId, root: &'a Node, overrides: &'a Overrides) -> Self {
        let mut params = FastMap::default();
        for e in root.get("Parameters").map(Node::entries).unwrap_or(&[]) {
            params.insert(e.key.as_str(), &e.value);
        }
        let mut conditions = FastMap::default();
        for e in root.get("Conditions").map(Node::entries).unwrap_or(&[]) {
            conditions.insert(e.key.as_str(), &e.value);
        }
        Evaluator {
            file,
            params,
            overrides,
            resources: FastMap::default(),
            conditions,
            cond_cache: RefCell::new(FastMap::default()),
            cond_active: RefCell::new(Vec::new()),
            mappings: root.get("Mappings"),
            env: RefCell::new(Vec::new()),
            notes: RefCell::new(Vec::new()),
            generated: std::cell::Cell::new(0),
            budget: std::cell::Cell::new(COPY_BUDGET),
            complete: root.get("Transform").is_none()
                && root
                    .get("Resources")
                    .map(Node::entries)
                    .unwrap_or(&[])
                    .iter()
                    .all(|e| !e.key.starts_with("Fn::"))
                && !preprocessed(root),
        }
    }

    fn sp(&self, node: &Node) -> Option<Span> {
        Some(span(self.file, node.span))
    }

    fn note(&self, at: ByteSpan, message: String) {
        self.notes.borrow_mut().push((at.start, message));
    }

    /// Charges a copy of a shared value to [`COPY_BUDGET`]: the value itself, or unknown
    /// once the budget is spent (the first time with a note at `sp`).
    fn charged(&self, v: EVal, n: usize, sp: Option<Span>) -> EVal {
        let left = self.budget.get();
        if n <= left {
            self.budget.set(left - n);
            return v;
        }
        if left > 0 {
            self.budget.set(0);
            let at = sp.map_or(0, |s| s.start);
            let message = format!(
                "{BUDGET_EXCEEDED}: references copy more than {COPY_BUDGET} units of values \
                 (a large parameter, mapping or variable used many times); from here on they are unknown"
            );
            self.notes.borrow_mut().push((at, message));
        }
        EVal::unknown(BUDGET_EXCEEDED, sp)
    }

    /// Evaluates a node: data as is, intrinsic functions applied.
    pub fn eval(&self, node: &Node) -> EVal {
        let sp = self.sp(node);
        if let Some(tag) = &node.tag {
            let name = match tag.as_str() {
                "Ref" | "Condition" => tag.clone(),
                _ => format!("Fn::{tag}"),
            };
            let arg = Node {
                tag: None,
                ..node.clone()
            };
            return self.intrinsic(&name, &arg, sp);
        }
        match &node.kind {
            Kind::Null => EVal::new(V::Null, sp),
            Kind::Bool(b) => EVal::new(V::Bool(*b), sp),
            Kind::Number(n) => match n.parse::<f64>() {
                Ok(f) => EVal::new(V::Num(f), sp),
                Err(_) => EVal::new(V::Str(n.clone()), sp),
            },
            Kind::Str(s) => EVal::new(V::Str(s.clone()), sp),
            Kind::Seq(items) => {
                let items = items.iter().map(|i| self.eval(i)).filter(|v| !is_no_value(v)).collect();
                EVal::new(V::List(items), sp)
            }
            Kind::Map(entries) => {
                if let [single] = entries.as_slice()
                    && (single.key == "Ref" || single.key.starts_with("Fn::"))
                    && !single.key.starts_with("Fn::ForEach::")
                {
                    return self.intrinsic(&single.key, &single.value, sp);
                }
                let mut props = Vec::new();
                for e in entries {
                    if e.key.starts_with("Fn::ForEach::") {
                        self.for_each(e, &mut |key, key_span, value| {
                            let val = self.eval(value);
                            if !is_no_value(&val) {
                                props.push(Prop {
                                    key,
                                    span: span(self.file, prop_span(key_span, value)),
                                    val,
                                });
                            }
                        });
                        continue;
                    }
                    let val = self.eval(&e.value);
                    if is_no_value(&val) {
                        continue; // `!Ref AWS::NoValue` removes the property.
                    }
                    props.push(Prop {
                        key: e.key.clone(),
                        span: span(self.file, prop_span(e.key_span, &e.value)),
                        val,
                    });
                }
                EVal::new(V::Map(props), sp)
            }
        }
    }

    /// Expands `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]`:
    /// calls `out` for every generated entry, with the loop variable bound.
    pub fn for_each<'n>(&self, e: &'n crate::doc::Entry, out: &mut dyn FnMut(String, ByteSpan, &'n Node)) {
        if self.generated.get() >= MAX_GENERATED {
            return;
        }
        let items = e.value.items();
        let (Some(ident), Some(collection), Some(template)) =
            (items.first().and_then(Node::as_str), items.get(1), items.get(2))
        else {
            self.note(e.key_span, format!("{} is malformed and was not expanded", e.key));
            return;
        };
        let coll = self.eval(collection);
        let values: Option<Vec<String>> = match &coll.v {
            V::List(items) => items.iter().map(EVal::as_text).collect(),
            _ => None,
        };
        let Some(values) = values else {
            self.note(
                e.key_span,
                format!(
                    "{}: the collection is unknown, so what it generates is not analysed",
                    e.key
                ),
            );
            return;
        };
        for value in values.into_iter().take(MAX_ITEMS) {
            let bound = EVal {
                v: V::Str(value.clone()),
                span: coll.span,
                prov: coll.prov.clone(),
            };
            self.env.borrow_mut().push((ident.to_string(), bound));
            for t in template.entries() {
                let key = self.substitute_key(&t.key);
                if t.key.starts_with("Fn::ForEach::") {
                    // A nested loop: its entries come out with both variables bound.
                    self.for_each(t, out);
                } else if self.generated.get() < MAX_GENERATED {
                    self.generated.set(self.generated.get() + 1);
                    out(key, t.key_span, &t.value);
                } else {
                    self.note(
                        e.key_span,
                        format!("{}: too many generated entries; the rest is not analysed", e.key),
                    );
                    self.env.borrow_mut().pop();
                    return;
                }
            }
            self.env.borrow_mut().pop();
        }
    }

    /// `${x}` and `&{x}` (non-alphanumerics removed) in a generated key.
    pub fn substitute_key(&self, key: &str) -> String {
        let mut k = key.to_string();
        for (name, val) in self.env.borrow().iter().rev() {
            let text = val.as_text().unwrap_or_default();
            let alnum: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            k = k
                .replace(&format!("${{{name}}}"), &text)
                .replace(&format!("&{{{name}}}"), &alnum);
        }
        k
    }

    fn env_get(&self, name: &str, sp: Option<Span>) -> Option<EVal> {
        if self.budget.get() == 0 && self.env.borrow().iter().any(|(n, _)| n == name) {
            return Some(EVal::unknown(BUDGET_EXCEEDED, sp));
        }
        let v = self
            .env
            .borrow()
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())?;
        let n = size(&v);
        Some(self.charged(v, n, sp))
    }

    /// Applies an intrinsic function; `arg` is its argument (for a tag, the node itself
    /// without its tag).
    pub fn intrinsic(&self, name: &str, arg: &Node, sp: Option<Span>) -> EVal {
        let items = arg.items();
        match name {
            "Ref" => match arg.as_str() {
                Some(target) => self.reference(target, sp),
                None => self.unknown_of(name, arg, sp),
            },
            "Fn::GetAtt" => self.get_att(arg, sp),
            "Fn::Sub" => self.sub(arg, sp),
            "Fn::If" => self.fn_if(arg, sp),
            "Condition" => match arg.as_str().map(|c| self.condition(c)) {
                Some(Some(b)) => EVal::new(V::Bool(b), sp),
                _ => self.unknown_of(name, arg, sp),
            },
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" => match self.cond_fn(name, arg) {
                Some(b) => EVal::new(V::Bool(b), sp),
                None => self.unknown_of(name, arg, sp),
            },
            "Fn::Join" => {
                let (Some(delim), Some(list)) = (items.first(), items.get(1)) else {
                    return self.unknown_of(name, arg, sp);
                };
                let (delim, list) = (self.eval(delim), self.eval(list));
                let texts: Option<Vec<String>> = match &list.v {
                    V::List(items) => items.iter().map(EVal::as_text).collect(),
                    _ => None,
                };
                match (delim.as_text(), texts) {
                    (Some(d), Some(t)) => {
                        let mut out = EVal::new(V::Str(t.join(&d)), sp);
                        out.prov = provenance(&[&delim, &list]);
                        out
                    }
                    _ => unknown(name, &[&delim, &list], sp),
                }
            }
            "Fn::Select" => {
                let (Some(index), Some(list)) = (items.first(), items.get(1)) else {
                    return self.unknown_of(name, arg, sp);
                };
                let (index, list) = (self.eval(index), self.eval(list));
                match (index.as_num(), &list.v) {
                    (Some(i), V::List(items)) if i >= 0.0 && (i as usize) < items.len() => {
                        let mut out = items[i as usize].clone();
                        out.span = sp;
                        out.prov.extend(index.prov.iter().cloned());
                        out
                    }
                    _ => unknown(name, &[&index, &list], sp),
                }
            }
            "Fn::Split" => {
                let (Some(delim), Some(text)) = (items.first(), items.get(1)) else {
                    return self.unknown_of(name, arg, sp);
                };
                let (delim, text) = (self.eval(delim), self.eval(text));
                match (delim.as_text(), text.as_text()) {
                    (Some(d), Some(t)) if !d.is_empty() => {
                        let parts = t
                            .split(d.as_str())
                            .take(MAX_ITEMS)
                            .map(|p| EVal {
                                v: V::Str(p.to_string()),
                                span: sp,
                                prov: text.prov.clone(),
                            })
                            .collect();
                        EVal::new(V::List(parts), sp)
                    }
                    _ => unknown(name, &[&delim, &text], sp),
                }
            }
            "Fn::FindInMap" => self.find_in_map(arg, sp),
            "Fn::Base64" => {
                let v = self.eval(arg);
                match v.as_text() {
                    Some(t) => EVal {
                        v: V::Str(crate::frontend::base64(t.as_bytes())),
                        span: sp,
                        prov: v.prov,
                    },
                    None => unknown(name, &[&v], sp),
                }
            }
            "Fn::Cidr" => {
                let args: Vec<EVal> = items.iter().map(|i| self.eval(i)).collect();
                let texts: Option<Vec<String>> = args.iter().map(EVal::as_text).collect();
                match texts.as_deref().and_then(|t| match t {
                    [block, count, bits] => cidr(block, count, bits),
                    _ => None,
                }) {
                    Some(list) => EVal::new(
                        V::List(list.into_iter().map(|c| EVal::new(V::Str(c), sp)).collect()),
                        sp,
                    ),
                    None => unknown(name, &args.iter().collect::<Vec<_>>(), sp),
                }
            }
            "Fn::Length" => {
                let v = self.eval(arg);
                match &v.v {
                    V::List(items) => EVal {
                        v: V::Num(items.len() as f64),
                        span: sp,
                        prov: v.prov.clone(),
                    },
                    _ => unknown(name, &[&v], sp),
                }
            }
            "Fn::ToJsonString" => {
                let v = self.eval(arg);
                match to_json(&v) {
                    Some(j) => EVal {
                        v: V::Str(j.to_string()),
                        span: sp,
                        prov: v.prov,
                    },
                    None => unknown(name, &[&v], sp),
                }
            }
            // Fn::ImportValue, Fn::GetAZs, Fn::Transform, and anything newer: unknown,
            // but remember which resources it mentions.
            _ => self.unknown_of(name, arg, sp),
        }
    }

    /// An unknown result of function `name` that keeps the resources `arg` mentions.
    fn unknown_of(&self, name: &str, arg: &Node, sp: Option<Span>) -> EVal {
        let inner = self.eval(arg);
        unknown(name, &[&inner], sp)
    }

    /// `Ref` to a parameter, pseudo parameter, resource or loop variable.
    pub fn reference(&self, target: &str, sp: Option<Span>) -> EVal {
        if target == NO_VALUE {
            return EVal::unknown(NO_VALUE, sp);
        }
        if let Some(mut v) = self.env_get(target, sp) {
            v.span = sp;
            return v;
        }
        if target.starts_with("AWS::") {
            // AccountId, Region, Partition, StackName, StackId, URLSuffix, NotificationARNs:
            // known only at deployment.
            return EVal::unknown(target, sp);
        }
        if self.params.contains_key(target) {
            if self.budget.get() == 0 {
                // Spent: do not even build the value.
                return EVal::unknown(BUDGET_EXCEEDED, sp);
            }
            let v = self.parameter(target, sp);
            let n = size(&v);
            return self.charged(v, n, sp);
        }
        if self.resources.contains_key(target) {
            return EVal::new(
                V::Ref(RefTo {
                    address: target.to_string(),
                    attr: "Ref".into(),
                }),
                sp,
            );
        }
        if let Some(v) = self.undeclared(target, sp) {
            return v;
        }
        EVal::unknown(format!("Ref {target} (not declared)"), sp)
    }

    /// A `Ref`/`Fn::GetAtt`/`Fn::Sub` reference to a logical id the complete template does
    /// not declare: a located note, and [`EVal::undeclared`].
    fn undeclared(&self, target: &str, sp: Option<Span>) -> Option<EVal> {
        if !self.complete || target.is_empty() {
            return None;
        }
        let at = sp.map_or(0, |s| s.start);
        let message = if self.params.contains_key(target) {
            format!("Fn::GetAtt names parameter {target}, not a resource: CloudFormation rejects this template")
        } else {
            format!(
                "reference to undeclared logical id {target}: CloudFormation rejects this template \
                 (unresolved resource dependencies)"
            )
        };
        let mut notes = self.notes.borrow_mut();
        if !notes.iter().any(|(o, m)| *o == at && *m == message) {
            notes.push((at, message));
        }
        Some(EVal::undeclared(target, sp))
    }

    /// A parameter's value: override, else `Default`, else one of its `AllowedValues`,
    /// else unknown. Values are strings (lists for list types), as CloudFormation passes them.
    fn parameter(&self, name: &str, sp: Option<Span>) -> EVal {
        let Some(decl) = self.params.get(name) else {
            return EVal::unknown(format!("parameter {name}"), sp);
        };
        let ptype = decl.get("Type").and_then(Node::as_str).unwrap_or("String");
        if ptype.starts_with("AWS::SSM::Parameter::Value") {
            // The value is read from Parameter Store at deployment.
            return EVal::unknown(format!("parameter {name} (from SSM Parameter Store)"), sp);
        }
        let is_list = ptype == "CommaDelimitedList" || ptype.starts_with("List<");
        let mut v = if let Some(o) = self.overrides.get(name) {
            o.clone()
        } else if let Some(d) = decl.entry("Default") {
            // Defaults are literals: read as data, never evaluated (no self-reference).
            let mut v = from_node(&d.value, self.sp(&d.value));
            v.prov.insert(
                0,
                Step {
                    span: span(self.file, d.value.span),
                    message: format!("value set here (default of parameter {name})"),
                    kind: crate::model::StepKind::ParameterDefault,
                },
            );
            v
        } else if let Some(allowed) = decl.get("AllowedValues").map(Node::items)
            && !allowed.is_empty()
            && allowed.len() <= MAX_ALTS
            && allowed.iter().all(|a| a.as_str().is_some())
        {
            let alts = allowed
                .iter()
                .map(|a| Some(EVal::new(V::Str(a.as_str().unwrap_or_default().to_string()), sp)))
                .collect();
            EVal::new(
                V::OneOf {
                    why: format!("parameter {name}"),
                    alts,
                },
                sp,
            )
        } else {
            return EVal::unknown(format!("parameter {name}"), sp);
        };
        match (&v.v, is_list) {
            (V::List(items), false) => {
                if let Some(t) = items.iter().map(EVal::as_text).collect::<Option<Vec<_>>>() {
                    v.v = V::Str(t.join(","));
                }
            }
            (V::List(_), true) | (V::OneOf { .. }, _) | (V::Unknown { .. }, _) | (V::Ref(_), _) => {}
            (_, true) => {
                if let Some(t) = v.as_text() {
                    let items = t
                        .split(',')
                        .take(MAX_ITEMS)
                        .map(|s| EVal {
                            v: V::Str(s.trim().to_string()),
                            span: sp,
                            prov: v.prov.clone(),
                        })
                        .collect();
                    v.v = V::List(items);
                }
            }
            (_, false) => {
                if let Some(t) = v.as_text() {
                    v.v = V::Str(t);
                }
            }
        }
        v.span = sp;
        v
    }

    fn get_att(&self, arg: &Node, sp: Option<Span>) -> EVal {
        let (res, attr) = match &arg.kind {
            Kind::Str(s) => match s.split_once('.') {
                Some((r, a)) => (r.to_string(), Some(a.to_string())),
                None => (s.clone(), None),
            },
            Kind::Seq(items) => {
                // Both parts may be computed (`[!Sub "Bucket${X}", !Ref Attr]` in Fn::ForEach).
                let res = items.first().and_then(|r| self.eval(r).as_text()).unwrap_or_default();
                // The attribute name may be computed (`!Ref AttrParam`).
                let attr = items.get(1).and_then(|a| self.eval(a).as_text());
                (res, attr)
            }
            _ => (String::new(), None),
        };
        if self.resources.contains_key(res.as_str()) {
            return EVal::new(
                V::Ref(RefTo {
                    address: res,
                    attr: attr.unwrap_or_default(),
                }),
                sp,
            );
        }
        // A computed logical id (`!Sub` in a loop) that came out unknown is not dangling.
        if !res.is_empty()
            && let Some(v) = self.undeclared(&res, sp)
        {
            return v;
        }
        EVal::unknown(format!("Fn::GetAtt {res}.{}", attr.unwrap_or_default()), sp)
    }

    fn sub(&self, arg: &Node, sp: Option<Span>) -> EVal {
        let (template, vars) = match &arg.kind {
            Kind::Str(s) => (s.as_str(), None),
            Kind::Seq(items) => match (items.first().and_then(Node::as_str), items.get(1)) {
                (Some(s), vars) => (s, vars),
                _ => return self.unknown_of("Fn::Sub", arg, sp),
            },
            _ => return self.unknown_of("Fn::Sub", arg, sp),
        };
        let mut out = String::new();
        let mut refs = Vec::new();
        let mut why: Option<String> = None;
        let mut prov = Vec::new();
        let mut cache: FastMap<&str, (EVal, usize)> = FastMap::default();
        // Variables by name: a lookup per `${}` must not scan a long variable list.
        let index: Option<FastMap<&str, &crate::doc::Entry>> = vars
            .map(Node::entries)
            .filter(|e| e.len() > SUB_INDEX_THRESHOLD)
            .map(|entries| {
                let mut index = FastMap::with_capacity_and_hasher(entries.len(), Default::default());
                for e in entries {
                    index.entry(e.key.as_str()).or_insert(e);
                }
                index
            });
        let mut rest = template;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            let raw = &after[..end];
            rest = &after[end + 1..];
            if let Some(lit) = raw.strip_prefix('!') {
                // `${!Literal}` is written out as `${Literal}`.
                out.push_str("${");
                out.push_str(lit);
                out.push('}');
                continue;
            }
            let name = raw.trim();
            let var = match &index {
                Some(index) => index.get(name).copied(),
                None => vars.and_then(|v| v.entry(name)),
            };
            let v = match var {
                Some(_) if self.budget.get() == 0 => EVal::unknown(BUDGET_EXCEEDED, sp),
                Some(var) => {
                    let (v, n) = cache.entry(var.key.as_str()).or_insert_with(|| {
                        let v = self.eval(&var.value);
                        let n = size(&v);
                        (v, n)
                    });
                    self.charged(v.clone(), *n, sp)
                }
                None => match name.split_once('.') {
                    Some((r, a)) if self.resources.contains_key(r) => EVal::new(
                        V::Ref(RefTo {
                            address: r.to_string(),
                            attr: a.to_string(),
                        }),
                        sp,
                    ),
                    Some((r, _)) => self.undeclared(r, sp).unwrap_or_else(|| self.reference(name, sp)),
                    None => self.reference(name, sp),
                },
            };
            match v.as_text() {
                Some(t) => {
                    out.push_str(&t);
                    prov.extend(v.prov);
                }
                None => {
                    refs.extend(v.refs().into_iter().cloned());
                    why.get_or_insert_with(|| match v.unknown_why() {
                        Some(w) if w != NO_VALUE => w.to_string(),
                        _ => name.to_string(),
                    });
                }
            }
        }
        out.push_str(rest);
        match why {
            None => EVal {
                v: V::Str(out),
                span: sp,
                prov,
            },
            Some(why) => EVal::new(V::Unknown { why, refs, text: None }, sp),
        }
    }

    fn fn_if(&self, arg: &Node, sp: Option<Span>) -> EVal {
        let items = arg.items();
        let (Some(cond), Some(then), Some(other)) = (items.first().and_then(Node::as_str), items.get(1), items.get(2))
        else {
            return self.unknown_of("Fn::If", arg, sp);
        };
        match self.condition(cond) {
            Some(true) => self.eval(then),
            Some(false) => self.eval(other),
            None => {
                let mut alts = Vec::new();
                for branch in [self.eval(then), self.eval(other)] {
                    match branch.v {
                        _ if is_no_value(&branch) => alts.push(None),
                        V::OneOf { alts: inner, .. } => alts.extend(inner),
                        _ => alts.push(Some(branch)),
                    }
                }
                let why = format!("condition {cond}");
                if alts.len() > MAX_ALTS {
                    let present: Vec<&EVal> = alts.iter().flatten().collect();
                    return unknown(&why, &present, sp);
                }
                EVal::new(V::OneOf { why, alts }, sp)
            }
        }
    }

    fn find_in_map(&self, arg: &Node, sp: Option<Span>) -> EVal {
        let items = arg.items();
        let keys: Vec<EVal> = items.iter().take(3).map(|i| self.eval(i)).collect();
        let default = items.get(3).and_then(|d| d.get("DefaultValue")).map(|d| self.eval(d));
        let texts: Option<Vec<String>> = keys.iter().map(EVal::as_text).collect();
        let Some(texts) = texts.filter(|t| t.len() == 3) else {
            // A key that is one of several values: look every combination up.
            if keys.len() == 3
                && let Some(alts) = self.find_in_map_alternatives(&keys, default.as_ref(), sp)
            {
                return alts;
            }
            let mut parts: Vec<&EVal> = keys.iter().collect();
            parts.extend(default.as_ref());
            return unknown("Fn::FindInMap", &parts, sp);
        };
        let found = self
            .mappings
            .and_then(|m| m.get(&texts[0]))
            .and_then(|m| m.get(&texts[1]))
            .and_then(|m| m.get(&texts[2]));
        match (found, default) {
            (Some(_), _) if self.budget.get() == 0 => EVal::unknown(BUDGET_EXCEEDED, sp),
            (Some(node), _) => {
                // Mapping values are literals: read as data (a mapping cannot refer to itself).
                let mut v = from_node(node, self.sp(node));
                v.prov.insert(
                    0,
                    Step {
                        span: span(self.file, node.span),
                        message: format!("value set here (mapping {})", texts.join(".")),
                        kind: crate::model::StepKind::Mapping,
                    },
                );
                v.span = sp;
                let n = size(&v);
                self.charged(v, n, sp)
            }
            (None, Some(mut d)) => {
                d.span = sp;
                d
            }
            (None, None) => EVal::unknown(format!("Fn::FindInMap {} (no such key)", texts.join(".")), sp),
        }
    }

    /// `Fn::FindInMap` whose keys are [`V::OneOf`] known texts: one of the values found.
    fn find_in_map_alternatives(&self, keys: &[EVal], default: Option<&EVal>, sp: Option<Span>) -> Option<EVal> {
        let options: Vec<Vec<String>> = keys
            .iter()
            .map(|k| {
                possible_texts(k)
                    .filter(|_| !matches!(k.v, V::OneOf { ref alts, .. } if alts.iter().any(Option::is_none)))
            })
            .collect::<Option<_>>()?;
        if options.iter().map(Vec::len).product::<usize>() > MAX_ALTS {
            return None;
        }
        let why = keys.iter().find_map(|k| match &k.v {
            V::OneOf { why, .. } => Some(why.clone()),
            _ => None,
        })?;
        let mut alts = Vec::new();
        for a in &options[0] {
            for b in &options[1] {
                for c in &options[2] {
                    let found = self
                        .mappings
                        .and_then(|m| m.get(a))
                        .and_then(|m| m.get(b))
                        .and_then(|m| m.get(c));
                    let v = match (found, default) {
                        (Some(node), _) => from_node(node, self.sp(node)),
                        (None, Some(d)) => d.clone(),
                        (None, None) => return None,
                    };
                    if matches!(v.v, V::OneOf { .. }) || is_no_value(&v) {
                        return None;
                    }
                    alts.push(Some(v));
                }
            }
        }
        Some(EVal::new(V::OneOf { why, alts }, sp))
    }

    /// A named condition's value; `None` when unknown (or undefined, or circular).
    pub fn condition(&self, name: &str) -> Option<bool> {
        if let Some(v) = self.cond_cache.borrow().get(name) {
            return *v;
        }
        if self.cond_active.borrow().iter().any(|n| n == name) {
            return None;
        }
        let node = *self.conditions.get(name)?;
        self.cond_active.borrow_mut().push(name.to_string());
        let v = self.eval_cond(node);
        self.cond_active.borrow_mut().pop();
        self.cond_cache.borrow_mut().insert(name.to_string(), v);
        v
    }

    /// A condition expression: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`.
    fn eval_cond(&self, node: &Node) -> Option<bool> {
        if let Some(tag) = &node.tag {
            let name = match tag.as_str() {
                "Condition" => "Condition".to_string(),
                _ => format!("Fn::{tag}"),
            };
            let arg = Node {
                tag: None,
                ..node.clone()
            };
            return self.cond_fn(&name, &arg);
        }
        if let [single] = node.entries()
            && (single.key == "Condition" || single.key.starts_with("Fn::"))
        {
            return self.cond_fn(&single.key, &single.value);
        }
        self.eval(node).as_bool()
    }

    fn cond_fn(&self, name: &str, arg: &Node) -> Option<bool> {
        let items = arg.items();
        match name {
            "Condition" => self.condition(arg.as_str()?),
            "Fn::Equals" => {
                let (a, b) = (self.eval(items.first()?), self.eval(items.get(1)?));
                equals(&a, &b)
            }
            "Fn::Not" => self.eval_cond(items.first()?).map(|b| !b),
            "Fn::And" => {
                let mut all = Some(true);
                for i in items {
                    match self.eval_cond(i) {
                        Some(false) => return Some(false),
                        Some(true) => {}
                        None => all = None,
                    }
                }
                all
            }
            "Fn::Or" => {
                let mut any = Some(false);
                for i in items {
                    match self.eval_cond(i) {
                        Some(true) => return Some(true),
                        Some(false) => {}
                        None => any = None,
                    }
                }
                any
            }
            _ => self.intrinsic(name, arg, None).as_bool(),
        }
    }
}

/// The span of a `Key: value` entry.
/// Whether the template is written for a preprocessor that adds or rewrites resources
/// before CloudFormation sees it: AWS Rain's `!Rain::Module`, `!Rain::S3`, `!Rain::Embed`
/// directives (`rain pkg`). Its logical ids are then not all in the file.
fn preprocessed(root: &Node) -> bool {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.tag.as_deref().is_some_and(|t| t.starts_with("Rain::")) {
            return true;
        }
        match &n.kind {
            Kind::Seq(items) => stack.extend(items),
            Kind::Map(entries) => {
                for e in entries {
                    if e.key.starts_with("Rain::") {
                        return true;
                    }
                    stack.push(&e.value);
                }
            }
            _ => {}
        }
    }
    false
}

pub(super) fn prop_span(key_span: ByteSpan, value: &Node) -> ByteSpan {
    ByteSpan {
        start: key_span.start,
        end: value.span.end.max(key_span.end),
    }
}

/// An unknown result named `why` that keeps the resources its parts mention.
/// The size a copy of `v` is charged: one per value and provenance step, one per 64 bytes of text.
pub(super) fn size(v: &EVal) -> usize {
    1 + v.prov.len()
        + match &v.v {
            V::Str(s) => s.len() / 64,
            V::List(items) => items.iter().map(size).sum(),
            V::Map(props) => props.iter().map(|p| size(&p.val)).sum(),
            V::OneOf { alts, .. } => alts.iter().flatten().map(size).sum(),
            _ => 0,
        }
}

fn unknown(why: &str, parts: &[&EVal], sp: Option<Span>) -> EVal {
    let mut refs: Vec<RefTo> = Vec::new();
    for p in parts {
        collect_refs(p, &mut refs);
    }
    EVal::new(
        V::Unknown {
            why: why.to_string(),
            refs,
            text: None,
        },
        sp,
    )
}

fn provenance(parts: &[&EVal]) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::new();
    for p in parts {
        collect_prov(p, &mut out);
    }
    out
}

fn collect_prov(v: &EVal, out: &mut Vec<Step>) {
    for s in &v.prov {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    if let V::List(items) = &v.v {
        items.iter().for_each(|i| collect_prov(i, out));
    }
}

pub(super) fn collect_refs(v: &EVal, out: &mut Vec<RefTo>) {
    match &v.v {
        V::Ref(r) => out.push(r.clone()),
        V::Unknown { refs, .. } => out.extend(refs.iter().cloned()),
        V::OneOf { alts, .. } => alts.iter().flatten().for_each(|a| collect_refs(a, out)),
        V::List(items) => items.iter().for_each(|i| collect_refs(i, out)),
        V::Map(props) => props.iter().for_each(|p| collect_refs(&p.val, out)),
        _ => {}
    }
}

/// The texts a value may have: one for a known scalar, one per alternative of a
/// [`V::OneOf`]; `None` when any of them is unknown.
fn possible_texts(v: &EVal) -> Option<Vec<String>> {
    match &v.v {
        V::OneOf { alts, .. } => alts
            .iter()
            .map(|a| match a {
                Some(a) => a.as_text().or_else(|| to_json(a).map(|j| j.to_string())),
                None => Some(String::new()),
            })
            .collect(),
        _ => v
            .as_text()
            .or_else(|| to_json(v).map(|j| j.to_string()))
            .map(|t| vec![t]),
    }
}

/// `Fn::Equals`: compares as strings; known when every combination of possible values agrees.
fn equals(a: &EVal, b: &EVal) -> Option<bool> {
    let (xs, ys) = (possible_texts(a)?, possible_texts(b)?);
    let mut result = None;
    for x in &xs {
        for y in &ys {
            let r = x == y;
            match result {
                Some(prev) if prev != r => return None,
                _ => result = Some(r),
            }
        }
    }
    result
}

/// A fully known value as JSON; `None` when any part is unknown.
pub(super) fn to_json(v: &EVal) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match &v.v {
        V::Null => J::Null,
        V::Bool(b) => J::Bool(*b),
        V::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => J::Number((*n as i64).into()),
        V::Num(n) => serde_json::Number::from_f64(*n).map(J::Number).unwrap_or(J::Null),
        V::Str(s) => J::String(s.clone()),
        V::List(items) => J::Array(items.iter().map(to_json).collect::<Option<_>>()?),
        V::Map(props) => {
            let mut sorted: Vec<&crate::frontend::Prop> = props.iter().collect();
            // Sorted whatever serde_json's map order is (see `doc::json::sort_keys`).
            sorted.sort_by(|a, b| a.key.cmp(&b.key));
            J::Object(
                sorted
                    .into_iter()
                    .map(|p| Some((p.key.clone(), to_json(&p.val)?)))
                    .collect::<Option<_>>()?,
            )
        }
        V::Ref(_) | V::Unknown { .. } => return None,
        V::OneOf { .. } => J::String(v.as_text()?),
    })
}

/// `Fn::Cidr` for IPv4 blocks: `count` subnets of `cidr_bits` host bits each.
fn cidr(block: &str, count: &str, bits: &str) -> Option<Vec<String>> {
    let (addr, prefix) = block.split_once('/')?;
    let addr: std::net::Ipv4Addr = addr.trim().parse().ok()?;
    let prefix: u32 = prefix.trim().parse().ok()?;
    let count: usize = count.trim().parse().ok()?;
    let bits: u32 = bits.trim().parse().ok()?;
    if prefix > 32 || bits == 0 || bits > 32 - prefix || count == 0 || count > MAX_ITEMS {
        return None;
    }
    let new_prefix = 32 - bits;
    let available = 1u64 << (new_prefix - prefix);
    if count as u64 > available {
        return None;
    }
    let mask = if prefix == 0 { 0 } else { u32::MAX << (32 - prefix) };
    let base = u64::from(u32::from(addr) & mask);
    Some(
        (0..count as u64)
            .map(|i| {
                let a = std::net::Ipv4Addr::from((base + (i << bits)) as u32);
                format!("{a}/{new_prefix}")
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval_in(template: &str, expr: &str) -> EVal {
        let root = crate::doc::yaml::parse(template).unwrap();
        let node = crate::doc::yaml::parse(expr).unwrap();
        let overrides = Overrides::new();
        let mut ev = Evaluator::new(FileId(0), &root, &overrides);
        for e in root.get("Resources").map(Node::entries).unwrap_or(&[]) {
            ev.resources.insert(e.key.clone(), String::new());
        }
        ev.eval(&node)
    }

    /// Issue 11 item 4: a reference to a logical id a complete template does not declare
    /// is noted and undeclared; with a Transform, `Fn::ForEach` or Rain directives the
    /// template is not complete and the reference stays unknown.
    #[test]
    fn dangling_references_only_in_complete_templates() {
        let complete = "Parameters:\n  P:\n    Type: String\nResources:\n  Group:\n    Type: AWS::Logs::LogGroup\n";
        for expr in [
            "!Ref Nope",
            "!GetAtt Nope.Arn",
            "{Fn::GetAtt: [Nope, Arn]}",
            "!Sub '${Nope.Arn}:*'",
        ] {
            assert!(eval_in(complete, expr).is_undeclared(), "{expr}");
        }
        for expr in ["!Ref Group", "!Ref P", "!GetAtt Group.Arn", "!Ref AWS::Region"] {
            assert!(!eval_in(complete, expr).is_undeclared(), "{expr}");
        }
        let root = crate::doc::yaml::parse(complete).unwrap();
        let overrides = Overrides::new();
        let mut ev = Evaluator::new(FileId(0), &root, &overrides);
        ev.resources.insert("Group".into(), String::new());
        for expr in ["!Ref Nope", "!Ref Nope", "!GetAtt P.Arn"] {
            ev.eval(&crate::doc::yaml::parse(expr).unwrap());
        }
        let notes: Vec<String> = ev.notes.borrow().iter().map(|(_, m)| m.clone()).collect();
        assert_eq!(
            notes,
            vec![
                "reference to undeclared logical id Nope: CloudFormation rejects this template (unresolved resource dependencies)",
                "Fn::GetAtt names parameter P, not a resource: CloudFormation rejects this template",
            ]
        );
        for incomplete in [
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Group:\n    Type: AWS::Logs::LogGroup\n",
            "Resources:\n  Group:\n    Type: AWS::Logs::LogGroup\n  Net:\n    Type: !Rain::Module vpc.yml\n",
            "Resources:\n  Fn::ForEach::G:\n    - X\n    - [a]\n    - G${X}:\n        Type: AWS::Logs::LogGroup\n",
        ] {
            let v = eval_in(incomplete, "!Ref Nope");
            assert!(v.is_unknown() && !v.is_undeclared(), "{incomplete}");
        }
    }

    const T: &str = "Parameters:\n  Env:\n    Type: String\n    Default: prod\n  Free:\n    Type: String\n  Pick:\n    Type: String\n    AllowedValues: [a, b]\n  Azs:\n    Type: CommaDelimitedList\n    Default: 'x, y,z'\n  Ssm:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /my/param\nMappings:\n  M:\n    prod:\n      Multi: true\n      List: [a, b]\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsDev: !Not [!Condition IsProd]\n  Unknown: !Equals [!Ref Free, x]\n  Both: !And [!Condition IsProd, Condition: Unknown]\n  Either: !Or [!Condition IsProd, Condition: Unknown]\n  PickA: !Equals [!Ref Pick, a]\n  PickAny: !Or [!Equals [!Ref Pick, a], !Equals [!Ref Pick, b]]\n  Loop: !Condition Loop\nResources:\n  Group:\n    Type: AWS::Logs::LogGroup\n";

    fn text(expr: &str) -> Option<String> {
        eval_in(T, expr).as_text()
    }

    #[test]
    fn ref_parameters_pseudo_and_resources() {
        let v = eval_in(T, "!Ref Env");
        assert_eq!(v.as_text().as_deref(), Some("prod"));
        assert_eq!(v.prov.len(), 1);
        assert!(v.prov[0].message.contains("default of parameter Env"));
        assert_eq!(eval_in(T, "{Ref: Free}").unknown_why(), Some("parameter Free"));
        assert!(eval_in(T, "!Ref Ssm").unknown_why().unwrap().contains("SSM"));
        for p in [
            "AWS::AccountId",
            "AWS::Region",
            "AWS::Partition",
            "AWS::StackName",
            "AWS::URLSuffix",
        ] {
            assert_eq!(eval_in(T, &format!("!Ref {p}")).unknown_why(), Some(p));
        }
        assert_eq!(
            eval_in(T, "!Ref Group").v,
            V::Ref(RefTo {
                address: "Group".into(),
                attr: "Ref".into()
            })
        );
        let list = eval_in(T, "!Ref Azs");
        assert_eq!(
            match &list.v {
                V::List(items) => items.iter().filter_map(EVal::as_text).collect::<Vec<_>>(),
                _ => vec![],
            },
            ["x", "y", "z"]
        );
        // A parameter restricted to allowed values is one of them.
        assert!(matches!(eval_in(T, "!Ref Pick").v, V::OneOf { ref alts, .. } if alts.len() == 2));
    }

    #[test]
    fn no_value_removes_properties_and_list_items() {
        let v = eval_in(T, "{A: !Ref AWS::NoValue, B: [1, !Ref AWS::NoValue, 2], C: x}");
        let V::Map(props) = &v.v else { panic!() };
        assert_eq!(props.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(), ["B", "C"]);
        assert!(matches!(&props[0].val.v, V::List(items) if items.len() == 2));
    }

    #[test]
    fn get_att_forms() {
        let want = V::Ref(RefTo {
            address: "Group".into(),
            attr: "Arn".into(),
        });
        assert_eq!(eval_in(T, "!GetAtt Group.Arn").v, want);
        assert_eq!(eval_in(T, "{Fn::GetAtt: [Group, Arn]}").v, want);
        assert_eq!(
            eval_in(T, "!GetAtt Group.A.B").v,
            V::Ref(RefTo {
                address: "Group".into(),
                attr: "A.B".into()
            })
        );
        assert!(eval_in(T, "!GetAtt Nope.Arn").is_unknown());
        assert!(eval_in(T, "!GetAtt [!Sub 'Gr${X}', !Ref Env]").is_unknown());
        assert_eq!(
            eval_in(T, "!GetAtt [!Join ['', [Gro, up]], !Ref Env]").v,
            V::Ref(RefTo {
                address: "Group".into(),
                attr: "prod".into()
            })
        );
    }

    #[test]
    fn sub_forms_and_links() {
        assert_eq!(
            text("!Sub 'x-${Env}-${!Literal}'").as_deref(),
            Some("x-prod-${Literal}")
        );
        assert_eq!(
            text("!Sub ['${A}-${Env}', {A: !Ref Env}]").as_deref(),
            Some("prod-prod")
        );
        let v = eval_in(T, "!Sub '${Group.Arn}:*'");
        assert!(v.is_unknown());
        assert_eq!(v.refs()[0].address, "Group");
        let v = eval_in(T, "{Fn::Sub: ['${G}:*', {G: !GetAtt Group.Arn}]}");
        assert_eq!(v.refs()[0].address, "Group");
        assert_eq!(
            eval_in(T, "!Sub 'arn:${AWS::Partition}:s3'").unknown_why(),
            Some("AWS::Partition")
        );
    }

    #[test]
    fn join_select_split() {
        assert_eq!(text("!Join ['-', [a, !Ref Env, 3]]").as_deref(), Some("a-prod-3"));
        let v = eval_in(T, "!Join ['', [!GetAtt Group.Arn, ':*']]");
        assert_eq!(v.refs()[0].address, "Group");
        assert_eq!(text("!Select [1, [a, b, c]]").as_deref(), Some("b"));
        assert_eq!(text("!Select [2, !Ref Azs]").as_deref(), Some("z"));
        assert!(eval_in(T, "!Select [9, [a]]").is_unknown());
        assert_eq!(text("!Select [1, !Split [',', 'p,q,r']]").as_deref(), Some("q"));
        assert!(eval_in(T, "!Select [0, !GetAZs '']").is_unknown());
        assert!(eval_in(T, "!Join [',', !GetAZs '']").is_unknown());
    }

    #[test]
    fn conditions() {
        let root = crate::doc::yaml::parse(T).unwrap();
        let o = Overrides::new();
        let ev = Evaluator::new(FileId(0), &root, &o);
        assert_eq!(ev.condition("IsProd"), Some(true));
        assert_eq!(ev.condition("IsDev"), Some(false));
        assert_eq!(ev.condition("Unknown"), None);
        assert_eq!(ev.condition("Both"), None);
        assert_eq!(ev.condition("Either"), Some(true));
        assert_eq!(ev.condition("PickA"), None);
        // Each comparison is decided on its own (no enumeration of parameter values), so
        // a tautology over an unknown parameter stays unknown: sound, not complete.
        assert_eq!(ev.condition("PickAny"), None);
        assert_eq!(ev.condition("Loop"), None);
        assert_eq!(ev.condition("Undefined"), None);
        let mut o = Overrides::new();
        o.insert("Env".into(), EVal::new(V::Str("dev".into()), None));
        let ev = Evaluator::new(FileId(0), &root, &o);
        assert_eq!(ev.condition("IsProd"), Some(false));
        assert_eq!(ev.condition("IsDev"), Some(true));
    }

    #[test]
    fn fn_if_known_and_unknown() {
        assert_eq!(text("!If [IsProd, yes, no]").as_deref(), Some("yes"));
        assert_eq!(text("!If [IsDev, yes, no]").as_deref(), Some("no"));
        let v = eval_in(T, "!If [Unknown, a, !Ref AWS::NoValue]");
        assert!(
            matches!(&v.v, V::OneOf { why, alts } if why == "condition Unknown" && alts.len() == 2 && alts[1].is_none())
        );
        // Both branches agree: the value is known.
        assert_eq!(text("!If [Unknown, same, same]").as_deref(), Some("same"));
        let v = eval_in(T, "{A: !If [IsDev, x, !Ref AWS::NoValue]}");
        assert!(matches!(&v.v, V::Map(p) if p.is_empty()));
        // Nested Fn::If on unknown conditions flattens.
        let v = eval_in(T, "!If [Unknown, a, !If [PickA, b, c]]");
        assert!(matches!(&v.v, V::OneOf { alts, .. } if alts.len() == 3));
    }

    #[test]
    fn find_in_map_with_default() {
        assert_eq!(text("!FindInMap [M, !Ref Env, Multi]").as_deref(), Some("true"));
        assert_eq!(text("!Select [1, !FindInMap [M, prod, List]]").as_deref(), Some("b"));
        assert_eq!(
            text("!FindInMap [M, dev, Multi, {DefaultValue: d}]").as_deref(),
            Some("d")
        );
        assert!(eval_in(T, "!FindInMap [M, dev, Multi]").is_unknown());
        assert!(eval_in(T, "!FindInMap [M, !Ref Free, Multi]").is_unknown());
        // A key restricted by AllowedValues: one of the values found.
        assert!(eval_in(T, "!FindInMap [M, !Ref Pick, Multi]").is_unknown());
        assert_eq!(
            eval_in(T, "!FindInMap [M, !Ref Pick, Multi, {DefaultValue: true}]").as_bool(),
            Some(true)
        );
    }

    #[test]
    fn other_functions() {
        assert_eq!(text("!Base64 'hello'").as_deref(), Some("aGVsbG8="));
        assert_eq!(text("!Base64 'hi'").as_deref(), Some("aGk="));
        assert_eq!(text("!Base64 'abc'").as_deref(), Some("YWJj"));
        assert_eq!(
            text("!Select [1, !Cidr ['10.0.0.0/16', 4, 8]]").as_deref(),
            Some("10.0.1.0/24")
        );
        assert!(eval_in(T, "!Cidr ['::/56', 2, 64]").is_unknown());
        assert_eq!(
            text("!Select [0, !Cidr ['0.0.0.0/0', 1, 32]]").as_deref(),
            Some("0.0.0.0/0")
        );
        assert!(eval_in(T, "!Cidr ['10.0.0.0/24', 3, 7]").is_unknown());
        let v = eval_in(T, "!ImportValue {Fn::Sub: '${Group.Arn}'}");
        assert_eq!(v.unknown_why(), Some("Fn::ImportValue"));
        assert_eq!(v.refs()[0].address, "Group");
        assert_eq!(eval_in(T, "!GetAZs ''").unknown_why(), Some("Fn::GetAZs"));
        assert_eq!(eval_in(T, "{Fn::Length: [a, b, c]}").as_num(), Some(3.0));
        assert_eq!(
            text("{Fn::ToJsonString: {source: [aws.cloudtrail], n: 1}}").as_deref(),
            Some(r#"{"n":1,"source":["aws.cloudtrail"]}"#)
        );
        assert!(eval_in(T, "{Fn::ToJsonString: {a: !Ref Free}}").is_unknown());
        assert_eq!(eval_in(T, "!Equals [a, a]").as_bool(), Some(true));
        assert_eq!(
            eval_in(T, "{Fn::Transform: {Name: X}}").unknown_why(),
            Some("Fn::Transform")
        );
    }

    #[test]
    fn for_each_in_properties() {
        let v = eval_in(
            T,
            "{Fn::ForEach::Tags: [Name, [a, b], {'Tag${Name}': !Ref Name, 'Alnum&{Name}': !Sub 'v-${Name}'}]}",
        );
        let V::Map(props) = &v.v else { panic!() };
        let got: Vec<(String, Option<String>)> = props.iter().map(|p| (p.key.clone(), p.val.as_text())).collect();
        assert_eq!(
            got,
            [
                ("Taga".to_string(), Some("a".to_string())),
                ("Alnuma".to_string(), Some("v-a".to_string())),
                ("Tagb".to_string(), Some("b".to_string())),
                ("Alnumb".to_string(), Some("v-b".to_string())),
            ]
        );
    }

    #[test]
    fn json_strings_become_documents() {
        let v = eval_in(T, "!Sub '{\"source\": [\"aws.${Env}\"]}'");
        let d = v.as_document().unwrap();
        let src = d.get("source").unwrap();
        assert!(matches!(&src.val.v, V::List(items) if items[0].as_text().as_deref() == Some("aws.prod")));
        assert_eq!(d.span, v.span);
        assert!(eval_in(T, "'not json'").as_document().is_none());
        assert!(eval_in(T, "!Sub '{\"a\": \"${Free}\"}'").as_document().is_none());
    }

    /// Issue 19 item 4: a 100,000-item list parameter referenced 1,000 times would copy
    /// 100 million values; the copies are charged to the budget, the rest is unknown.
    #[test]
    fn shared_values_are_charged_to_the_budget() {
        let items = vec!["a"; 100_000].join(",");
        let template = format!("Parameters:\n  Big:\n    Type: List<String>\n    Default: [{items}]\n");
        let root = crate::doc::yaml::parse(&template).unwrap();
        let expr = format!("[{}]", vec!["!Ref Big"; 1_000].join(", "));
        let node = crate::doc::yaml::parse(&expr).unwrap();
        let overrides = Overrides::new();
        let ev = Evaluator::new(FileId(0), &root, &overrides);
        let v = ev.eval(&node);
        let V::List(refs) = &v.v else { panic!("{v:?}") };
        let known = refs
            .iter()
            .filter(|r| matches!(&r.v, V::List(l) if l.len() == 100_000))
            .count();
        assert!(known > 0 && known < 100, "{known}");
        assert!(refs[known..].iter().all(|r| r.unknown_why() == Some(BUDGET_EXCEEDED)));
        // One located note, at the first reference over the budget.
        let notes = ev.notes.borrow();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].1.starts_with(BUDGET_EXCEEDED));
        assert_eq!(notes[0].0, refs[known].span.unwrap().start);
    }

    /// Issue 19 item 6: `Fn::Sub` with 100,000 variables looked each one up in a list.
    #[test]
    fn sub_with_many_variables_is_linear() {
        let n = 100_000;
        let template: String = (0..n).map(|i| format!("${{v{i}}}")).collect();
        let vars: String = (0..n).map(|i| format!("v{i}: {}\n", i % 10)).collect();
        let expr = format!("Fn::Sub:\n  - \"{template}\"\n  - {}", vars.replace('\n', "\n    "));
        let expected: String = (0..n).map(|i| (i % 10).to_string()).collect();
        assert_eq!(eval_in("{}", &expr).as_text(), Some(expected));
    }

    #[test]
    fn hostile_templates_end() {
        // A default or mapping that refers to itself is data, not a loop.
        let t = "Parameters:\n  P:\n    Type: String\n    Default: !Ref P\nMappings:\n  M:\n    a:\n      b: !FindInMap [M, a, b]\nConditions:\n  A: !Condition B\n  B: !Not [!Condition A]\n";
        assert_eq!(eval_in(t, "!Ref P").as_text().as_deref(), Some("P"));
        assert!(!eval_in(t, "!FindInMap [M, a, b]").is_unknown());
        assert!(eval_in(t, "!If [A, x, y]").as_text().is_none());
        // Nested loops multiply; the total is capped.
        let big: String = (0..1000).map(|i| format!("x{i},")).collect();
        let expr = format!(
            "{{Fn::ForEach::A: [a, !Split [',', '{big}'], {{Fn::ForEach::B: [b, !Split [',', '{big}'], {{'k${{a}}${{b}}': 1}}]}}]}}"
        );
        let v = eval_in(t, &expr);
        assert!(matches!(&v.v, V::Map(p) if p.len() == MAX_GENERATED));
        // A long chain of Fn::If on unknown conditions stays bounded.
        let mut e = "x".to_string();
        for i in 0..200 {
            e = format!("!If [C{i}, {i}, {e}]");
            if i % 10 == 0 {
                e = format!("[{e}]");
                e = format!("!Select [0, {e}]");
            }
        }
        let v = eval_in(t, &e);
        assert!(v.is_unknown() || matches!(&v.v, V::OneOf { alts, .. } if alts.len() <= MAX_ALTS));
    }
}
