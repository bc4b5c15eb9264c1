//! Expression evaluation for one module: literals, templates, variables (defaults),
//! locals (memoized, cycle-checked), references to resources, conditionals and operators.
//! Anything else is an unknown value that still remembers which resources it mentions.

use std::collections::HashMap;

use hcl_edit::Span as _;
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Element, Template};

use super::{LocalDecl, ModuleDecls, span_of};
use crate::frontend::{Diagnostic, EVal, Prop, RefTo, V};
use crate::model::Step;
use crate::source::FileId;

/// Deepest chain of locals/variables followed before giving up (keeps recursion bounded).
const MAX_EVAL_DEPTH: usize = 128;

pub(crate) struct Evaluator<'a> {
    decls: &'a ModuleDecls<'a>,
    locals: HashMap<String, EVal>,
    in_progress: Vec<String>,
    notes: Vec<Diagnostic>,
    depth: usize,
}

impl<'a> Evaluator<'a> {
    pub(crate) fn new(decls: &'a ModuleDecls<'a>) -> Self {
        Evaluator {
            decls,
            locals: HashMap::new(),
            in_progress: Vec::new(),
            notes: Vec::new(),
            depth: 0,
        }
    }

    pub(crate) fn take_notes(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.notes)
    }

    pub(crate) fn eval(&mut self, file: FileId, expr: &Expression) -> EVal {
        if self.depth >= MAX_EVAL_DEPTH {
            return EVal::unknown("expression nested too deeply", span_of(file, expr.span()));
        }
        self.depth += 1;
        let v = self.eval_inner(file, expr);
        self.depth -= 1;
        v
    }

    fn eval_inner(&mut self, file: FileId, expr: &Expression) -> EVal {
        let span = span_of(file, expr.span());
        match expr {
            Expression::Null(_) => EVal::new(V::Null, span),
            Expression::Bool(b) => EVal::new(V::Bool(*b.value()), span),
            Expression::Number(n) => match n.value().as_f64() {
                Some(f) => EVal::new(V::Num(f), span),
                None => EVal::unknown("number out of range", span),
            },
            Expression::String(s) => EVal::new(V::Str(s.value().clone()), span),
            Expression::Array(items) => {
                let items = items.iter().map(|e| self.eval(file, e)).collect();
                EVal::new(V::List(items), span)
            }
            Expression::Object(obj) => {
                let mut props = Vec::new();
                for (key, value) in obj.iter() {
                    let k = match key {
                        ObjectKey::Ident(id) => Some(id.as_str().to_string()),
                        ObjectKey::Expression(e) => self.eval(file, e).as_text(),
                    };
                    let val = self.eval(file, value.expr());
                    let Some(k) = k else {
                        return EVal::unknown("object key is not known", span);
                    };
                    let pspan = match (key.span(), value.expr().span()) {
                        (Some(a), Some(b)) => span_of(file, Some(a.start..b.end)),
                        _ => span,
                    };
                    props.push(Prop {
                        key: k,
                        span: pspan.unwrap_or_default(),
                        val,
                    });
                }
                EVal::new(V::Map(props), span)
            }
            Expression::StringTemplate(t) => self.template(file, t, span),
            Expression::HeredocTemplate(h) => {
                let mut v = self.template(file, &h.template, span);
                if let (Some(indent), V::Str(s)) = (h.indent(), &mut v.v) {
                    *s = dedent(s, indent);
                }
                v
            }
            Expression::Parenthesis(p) => self.eval(file, p.inner()),
            Expression::Variable(v) => EVal::unknown(format!("bare name {}", v.as_str()), span),
            Expression::Traversal(t) => self.traversal(file, &t.expr, &t.operators, span),
            Expression::Conditional(c) => {
                let cond = self.eval(file, &c.cond_expr);
                match cond.as_bool() {
                    Some(true) => self.eval(file, &c.true_expr),
                    Some(false) => self.eval(file, &c.false_expr),
                    None => {
                        let t = self.eval(file, &c.true_expr);
                        let f = self.eval(file, &c.false_expr);
                        let why = cond.unknown_why().unwrap_or("condition").to_string();
                        unknown_from(why, span, [&cond, &t, &f])
                    }
                }
            }
            Expression::FuncCall(call) => {
                let args: Vec<EVal> = call.args.iter().map(|a| self.eval(file, a)).collect();
                let name = call.name.name.as_str();
                unknown_from(format!("{name}()"), span, args.iter())
            }
            Expression::UnaryOp(op) => {
                let v = self.eval(file, &op.expr);
                let out = match op.operator.value() {
                    UnaryOperator::Not => v.as_bool().map(|b| V::Bool(!b)),
                    UnaryOperator::Neg => v.as_num().map(|n| V::Num(-n)),
                };
                match out {
                    Some(o) => EVal {
                        v: o,
                        span,
                        prov: v.prov,
                    },
                    None => unknown_from(v.unknown_why().unwrap_or("operand").to_string(), span, [&v]),
                }
            }
            Expression::BinaryOp(op) => {
                let l = self.eval(file, &op.lhs_expr);
                let r = self.eval(file, &op.rhs_expr);
                match binary(*op.operator.value(), &l, &r) {
                    Some(v) => {
                        let mut prov = l.prov;
                        prov.extend(r.prov);
                        EVal { v, span, prov }
                    }
                    None => {
                        let why = l.unknown_why().or(r.unknown_why()).unwrap_or("operation").to_string();
                        unknown_from(why, span, [&l, &r])
                    }
                }
            }
            Expression::ForExpr(_) => EVal::unknown("for expression", span),
        }
    }

    fn template(&mut self, file: FileId, t: &Template, span: Option<crate::source::Span>) -> EVal {
        let mut out = String::new();
        let mut parts = Vec::new();
        let mut known = true;
        let mut why = None;
        for el in t.iter() {
            match el {
                Element::Literal(s) => out.push_str(s.value()),
                Element::Interpolation(i) => {
                    let v = self.eval(file, &i.expr);
                    match v.as_text() {
                        Some(s) if known => out.push_str(&s),
                        Some(_) => {}
                        None => {
                            known = false;
                            why = why.or(v.unknown_why().map(str::to_string)).or(match &v.v {
                                V::Ref(r) => Some(format!("{}.{}", r.address, r.attr)),
                                _ => None,
                            });
                        }
                    }
                    parts.push(v);
                }
                Element::Directive(_) => {
                    known = false;
                    why = why.or(Some("template directive".to_string()));
                }
            }
        }
        if known {
            let mut prov = Vec::new();
            for p in parts {
                prov.extend(p.prov);
            }
            EVal {
                v: V::Str(out),
                span,
                prov,
            }
        } else {
            unknown_from(why.unwrap_or_else(|| "template".into()), span, parts.iter())
        }
    }

    fn traversal(
        &mut self,
        file: FileId,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Option<crate::source::Span>,
    ) -> EVal {
        let Expression::Variable(root_name) = root else {
            let base = self.eval(file, root);
            return self.apply_ops(file, base, ops, span);
        };
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_string()),
            _ => None,
        };
        let root_name = root_name.as_str();
        match root_name {
            "var" => match attr(0) {
                Some(name) => {
                    let v = self.variable(&name, span);
                    self.apply_ops(file, v, &ops[1..], span)
                }
                None => EVal::unknown("var", span),
            },
            "local" => match attr(0) {
                Some(name) => {
                    let v = self.local(&name, span);
                    self.apply_ops(file, v, &ops[1..], span)
                }
                None => EVal::unknown("local", span),
            },
            "data" => {
                let what = match (attr(0), attr(1)) {
                    (Some(t), Some(n)) => format!("data.{t}.{n}"),
                    _ => "data source".into(),
                };
                EVal::unknown(what, span)
            }
            "module" => EVal::unknown(format!("module.{}", attr(0).unwrap_or_default()), span),
            "count" | "each" | "self" | "path" | "terraform" => {
                EVal::unknown(format!("{root_name}.{}", attr(0).unwrap_or_default()), span)
            }
            rtype => {
                let Some(name) = attr(0) else {
                    return EVal::unknown(rtype.to_string(), span);
                };
                let address = format!("{rtype}.{name}");
                if !self.decls.addresses.contains_key(&address) {
                    return EVal::unknown(format!("{address} (not in this module)"), span);
                }
                // Skip instance indexes and splats (`aws_s3_bucket.b[0].id`, `aws_s3_bucket.b[*].id`).
                let attr_name = ops[1..].iter().find_map(|o| match o.value() {
                    TraversalOperator::GetAttr(a) => Some(a.as_str().to_string()),
                    _ => None,
                });
                EVal::new(
                    V::Ref(RefTo {
                        address,
                        attr: attr_name.unwrap_or_else(|| "id".into()),
                    }),
                    span,
                )
            }
        }
    }

    fn apply_ops(
        &mut self,
        file: FileId,
        mut v: EVal,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Option<crate::source::Span>,
    ) -> EVal {
        for op in ops {
            let prov = std::mem::take(&mut v.prov);
            let next = match (op.value(), &v.v) {
                (_, V::Unknown { .. }) => return EVal { span, prov, ..v },
                (TraversalOperator::GetAttr(a), V::Map(props)) => {
                    props.iter().find(|p| p.key == a.as_str()).map(|p| p.val.clone())
                }
                (TraversalOperator::Index(e), _) => {
                    let idx = self.eval(file, e);
                    match (&v.v, &idx.v) {
                        (V::List(items), V::Num(n)) => items.get(*n as usize).cloned(),
                        (V::Map(props), V::Str(k)) => props.iter().find(|p| &p.key == k).map(|p| p.val.clone()),
                        _ => None,
                    }
                }
                (TraversalOperator::LegacyIndex(i), V::List(items)) => items.get(*i.value() as usize).cloned(),
                _ => None,
            };
            match next {
                Some(mut n) => {
                    let mut all = prov;
                    all.append(&mut n.prov);
                    n.prov = all;
                    v = n;
                }
                None => {
                    return EVal {
                        v: V::Unknown {
                            why: "index or attribute".into(),
                            refs: Vec::new(),
                        },
                        span,
                        prov,
                    };
                }
            }
        }
        // The value is used here; where it was written is in its provenance.
        v.span = span;
        v
    }

    fn variable(&mut self, name: &str, span: Option<crate::source::Span>) -> EVal {
        let Some(decl) = self.decls.vars.get(name) else {
            return EVal::unknown(format!("var.{name} (not declared)"), span);
        };
        let Some(default) = decl.default else {
            return EVal::unknown(format!("var.{name}"), span);
        };
        let mut v = self.eval(decl.file, default);
        if let Some(s) = v.span {
            v.prov.insert(
                0,
                Step {
                    span: s,
                    message: format!("value set here (default of variable \"{name}\")"),
                },
            );
        }
        v
    }

    fn local(&mut self, name: &str, span: Option<crate::source::Span>) -> EVal {
        if let Some(v) = self.locals.get(name) {
            return v.clone();
        }
        let Some(LocalDecl {
            file,
            span: lspan,
            expr,
        }) = self.decls.locals.get(name)
        else {
            return EVal::unknown(format!("local.{name} (not declared)"), span);
        };
        if self.in_progress.iter().any(|n| n == name) {
            self.notes.push(Diagnostic {
                file: *file,
                offset: Some(lspan.start),
                message: format!(
                    "local.{name} refers to itself (cycle: {})",
                    self.in_progress.join(" -> ")
                ),
            });
            return EVal::unknown(format!("local.{name} (cycle)"), span);
        }
        self.in_progress.push(name.to_string());
        let mut v = self.eval(*file, expr);
        self.in_progress.pop();
        v.prov.insert(
            0,
            Step {
                span: *lspan,
                message: format!("value set here (local.{name})"),
            },
        );
        self.locals.insert(name.to_string(), v.clone());
        v
    }
}

/// An unknown value that keeps the references of its parts.
fn unknown_from<'v>(why: String, span: Option<crate::source::Span>, parts: impl IntoIterator<Item = &'v EVal>) -> EVal {
    let mut refs = Vec::new();
    for p in parts {
        for r in p.refs() {
            if !refs.contains(r) {
                refs.push(r.clone());
            }
        }
    }
    EVal::new(V::Unknown { why, refs }, span)
}

fn binary(op: BinaryOperator, l: &EVal, r: &EVal) -> Option<V> {
    use BinaryOperator::*;
    Some(match op {
        And => V::Bool(l.as_bool()? && r.as_bool()?),
        Or => match (l.as_bool(), r.as_bool()) {
            (Some(true), _) | (_, Some(true)) => V::Bool(true),
            (Some(false), Some(false)) => V::Bool(false),
            _ => return None,
        },
        Eq | NotEq => {
            let same = match (&l.v, &r.v) {
                (V::Null, V::Null) => true,
                (V::Num(a), V::Num(b)) => a == b,
                (V::Bool(a), V::Bool(b)) => a == b,
                (V::Str(a), V::Str(b)) => a == b,
                (V::Null, V::Str(_) | V::Num(_) | V::Bool(_)) | (V::Str(_) | V::Num(_) | V::Bool(_), V::Null) => false,
                (V::Str(_), V::Num(_) | V::Bool(_)) | (V::Num(_) | V::Bool(_), V::Str(_)) => false,
                _ => return None,
            };
            V::Bool(if op == Eq { same } else { !same })
        }
        Less => V::Bool(l.as_num()? < r.as_num()?),
        LessEq => V::Bool(l.as_num()? <= r.as_num()?),
        Greater => V::Bool(l.as_num()? > r.as_num()?),
        GreaterEq => V::Bool(l.as_num()? >= r.as_num()?),
        Plus => V::Num(l.as_num()? + r.as_num()?),
        Minus => V::Num(l.as_num()? - r.as_num()?),
        Mul => V::Num(l.as_num()? * r.as_num()?),
        Div => V::Num(l.as_num()? / r.as_num()?),
        Mod => V::Num(l.as_num()? % r.as_num()?),
    })
}

/// `<<-` heredocs strip the smallest common indentation.
fn dedent(s: &str, indent: usize) -> String {
    s.lines()
        .map(|l| {
            let n = l.chars().take(indent).take_while(|c| c.is_whitespace()).count();
            &l[l.char_indices().nth(n).map(|(i, _)| i).unwrap_or(l.len())..]
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if s.ends_with('\n') { "\n" } else { "" }
}
