//! CloudFormation front end: templates (YAML or JSON, already parsed into a
//! [`crate::doc::Node`] tree with spans) become units of [`RawResource`]s. `Ref` to
//! parameters takes their `Default`; `Ref`/`Fn::GetAtt`/`Fn::Sub` to resources become
//! references; other intrinsics are unknown values that keep the resources they mention.

use std::collections::HashMap;

use super::{EVal, Lang, Prop, RawResource, RefTo, Unit, V};
use crate::doc::{ByteSpan, Kind, Node};
use crate::model::{Iac, Step};
use crate::source::{FileId, Span};

/// Is this document a CloudFormation template? (`AWSTemplateFormatVersion`, or a
/// `Resources` map whose entries have `Type: AWS::...`.)
pub fn is_template(root: &Node) -> bool {
    if root.get("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    match root.get("Resources") {
        Some(res) if res.is_map() => res.entries().iter().any(|e| {
            e.value
                .get("Type")
                .and_then(Node::as_str)
                .is_some_and(|t| t.starts_with("AWS::") || t.starts_with("Custom::"))
        }),
        _ => false,
    }
}

struct Template<'a> {
    file: FileId,
    /// Parameters with their `Default` (value and span), `None` when they have none.
    params: HashMap<&'a str, Option<(&'a Node, ByteSpan)>>,
    resources: HashMap<&'a str, &'a str>,
}

fn span(file: FileId, s: ByteSpan) -> Span {
    Span::new(file, s.start as usize, s.end as usize)
}

/// Evaluates a template into a unit; resources whose type `wanted` rejects are skipped.
pub fn evaluate_template(file: FileId, root: &Node, wanted: &dyn Fn(&str) -> bool) -> Unit {
    let mut t = Template {
        file,
        params: HashMap::new(),
        resources: HashMap::new(),
    };
    for e in root.get("Parameters").map(Node::entries).unwrap_or(&[]) {
        let default = e.value.entry("Default").map(|d| (&d.value, d.value.span));
        t.params.insert(e.key.as_str(), default);
    }
    let resources = root.get("Resources").map(Node::entries).unwrap_or(&[]);
    for e in resources {
        let rtype = e.value.get("Type").and_then(Node::as_str).unwrap_or("");
        t.resources.insert(e.key.as_str(), rtype);
    }
    let mut unit = Unit::default();
    for e in resources {
        let Some(rtype) = e.value.get("Type").and_then(Node::as_str) else {
            continue;
        };
        if !wanted(rtype) {
            continue;
        }
        let props = match e.value.get("Properties") {
            Some(p) => match t.eval(p).v {
                V::Map(props) => props,
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        let context = e
            .value
            .get("Metadata")
            .and_then(|m| m.get("aws:cdk:path"))
            .and_then(Node::as_str)
            .map(|p| format!("CDK construct {p}"));
        unit.resources.push(RawResource {
            address: e.key.clone(),
            resource_type: rtype.to_string(),
            iac: Iac::CloudFormation,
            lang: Lang::CloudFormation,
            header: span(file, e.key_span),
            props,
            instances: Vec::new(),
            context,
            exists_if: None,
            suppressions: metadata_suppressions(file, e.value.get("Metadata")),
        });
    }
    unit
}

/// Suppressions in a resource's `Metadata`: blindspot's own (`blindspot.ignore:
/// [{id, reason}]`), Checkov's (`checkov.skip: [{id, comment}]`) and cfn_nag's
/// (`cfn_nag.rules_to_suppress: [{id, reason}]`).
fn metadata_suppressions(file: FileId, meta: Option<&Node>) -> Vec<crate::suppress::Directive> {
    use crate::suppress::{Directive, Tool};
    let Some(meta) = meta else { return Vec::new() };
    let mut out = Vec::new();
    for (tool, section, list, reason_key) in [
        (Tool::Blindspot, "blindspot", "ignore", "reason"),
        (Tool::Checkov, "checkov", "skip", "comment"),
        (Tool::CfnNag, "cfn_nag", "rules_to_suppress", "reason"),
    ] {
        let Some(items) = meta.get(section).and_then(|s| s.get(list)) else {
            continue;
        };
        for item in items.items() {
            let id = item.get("id").and_then(Node::as_str).unwrap_or("").trim();
            let reason = item
                .get(reason_key)
                .and_then(Node::as_str)
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string);
            if id.is_empty() && tool != Tool::Blindspot {
                continue;
            }
            out.push(Directive {
                tool,
                id: id.to_string(),
                reason,
                expires: None,
                span: span(file, item.span),
                metadata: true,
            });
        }
    }
    out
}

impl Template<'_> {
    fn eval(&self, node: &Node) -> EVal {
        let sp = Some(span(self.file, node.span));
        if let Some(tag) = &node.tag {
            let name = if tag == "Ref" || tag == "Condition" {
                tag.clone()
            } else {
                format!("Fn::{tag}")
            };
            return self.intrinsic(&name, node, node, sp);
        }
        match &node.kind {
            Kind::Null => EVal::new(V::Null, sp),
            Kind::Bool(b) => EVal::new(V::Bool(*b), sp),
            Kind::Number(n) => match n.parse::<f64>() {
                Ok(f) => EVal::new(V::Num(f), sp),
                Err(_) => EVal::new(V::Str(n.clone()), sp),
            },
            Kind::Str(s) => EVal::new(V::Str(s.clone()), sp),
            Kind::Seq(items) => EVal::new(V::List(items.iter().map(|i| self.eval(i)).collect()), sp),
            Kind::Map(entries) => {
                if let [single] = entries.as_slice()
                    && (single.key == "Ref" || single.key.starts_with("Fn::") || single.key == "Condition")
                {
                    return self.intrinsic(&single.key, &single.value, node, sp);
                }
                let mut props = Vec::new();
                for e in entries {
                    let val = self.eval(&e.value);
                    if matches!(&val.v, V::Unknown { why, .. } if why == "AWS::NoValue") {
                        continue; // `!Ref AWS::NoValue` removes the property.
                    }
                    let s = ByteSpan {
                        start: e.key_span.start,
                        end: e.value.span.end.max(e.key_span.end),
                    };
                    props.push(Prop {
                        key: e.key.clone(),
                        span: span(self.file, s),
                        val,
                    });
                }
                EVal::new(V::Map(props), sp)
            }
        }
    }

    /// `arg` is the intrinsic's argument (for a tag, the node itself without its tag).
    fn intrinsic(&self, name: &str, arg: &Node, _whole: &Node, sp: Option<Span>) -> EVal {
        match name {
            "Ref" => match arg.as_str() {
                Some(target) => self.reference(target, sp),
                None => EVal::unknown("Ref", sp),
            },
            "Fn::GetAtt" => {
                let (res, attr) = match &arg.kind {
                    Kind::Str(s) => match s.split_once('.') {
                        Some((r, a)) => (r.to_string(), a.to_string()),
                        None => (s.clone(), String::new()),
                    },
                    Kind::Seq(items) => (
                        items.first().and_then(Node::as_str).unwrap_or("").to_string(),
                        items.get(1).and_then(Node::as_str).unwrap_or("").to_string(),
                    ),
                    _ => (String::new(), String::new()),
                };
                if self.resources.contains_key(res.as_str()) {
                    EVal::new(V::Ref(RefTo { address: res, attr }), sp)
                } else {
                    EVal::unknown(format!("Fn::GetAtt {res}.{attr}"), sp)
                }
            }
            "Fn::Sub" => self.sub(arg, sp),
            _ => {
                // Not evaluated yet: unknown, but remember which resources it mentions.
                let inner = match &arg.kind {
                    Kind::Seq(items) => items.iter().map(|i| self.eval(i)).collect(),
                    _ => vec![self.eval(&Node {
                        tag: None,
                        ..arg.clone()
                    })],
                };
                let mut refs = Vec::new();
                for v in &inner {
                    collect_refs(v, &mut refs);
                }
                EVal::new(
                    V::Unknown {
                        why: name.to_string(),
                        refs,
                    },
                    sp,
                )
            }
        }
    }

    fn reference(&self, target: &str, sp: Option<Span>) -> EVal {
        if target == "AWS::NoValue" {
            return EVal::unknown("AWS::NoValue", sp);
        }
        if target.starts_with("AWS::") {
            return EVal::unknown(target, sp);
        }
        if let Some(param) = self.params.get(target) {
            let Some((default, dspan)) = param else {
                return EVal::unknown(format!("parameter {target}"), sp);
            };
            let mut v = self.eval(default);
            // Parameter values are strings to CloudFormation.
            if let Some(text) = v.as_text() {
                v.v = V::Str(text);
            }
            v.prov.insert(
                0,
                Step {
                    span: span(self.file, *dspan),
                    message: format!("value set here (default of parameter {target})"),
                },
            );
            v.span = sp;
            return v;
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
        EVal::unknown(format!("Ref {target} (not declared)"), sp)
    }

    fn sub(&self, arg: &Node, sp: Option<Span>) -> EVal {
        let (template, vars) = match &arg.kind {
            Kind::Str(s) => (s.as_str(), None),
            Kind::Seq(items) => match (items.first().and_then(Node::as_str), items.get(1)) {
                (Some(s), vars) => (s, vars),
                _ => return EVal::unknown("Fn::Sub", sp),
            },
            _ => return EVal::unknown("Fn::Sub", sp),
        };
        let mut out = String::new();
        let mut refs = Vec::new();
        let mut why: Option<String> = None;
        let mut prov = Vec::new();
        let mut rest = template;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            rest = &after[end + 1..];
            if let Some(lit) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(lit);
                out.push('}');
                continue;
            }
            let v = match vars.and_then(|v| v.get(name)) {
                Some(node) => self.eval(node),
                None => match name.split_once('.') {
                    Some((r, a)) if self.resources.contains_key(r) => EVal::new(
                        V::Ref(RefTo {
                            address: r.to_string(),
                            attr: a.to_string(),
                        }),
                        sp,
                    ),
                    _ => self.reference(name, sp),
                },
            };
            match v.as_text() {
                Some(t) => {
                    out.push_str(&t);
                    prov.extend(v.prov);
                }
                None => {
                    collect_refs(&v, &mut refs);
                    why.get_or_insert_with(|| v.unknown_why().unwrap_or(name).to_string());
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
            Some(why) => EVal::new(V::Unknown { why, refs }, sp),
        }
    }
}

fn collect_refs(v: &EVal, out: &mut Vec<RefTo>) {
    match &v.v {
        V::Ref(r) => out.push(r.clone()),
        V::Unknown { refs, .. } => out.extend(refs.iter().cloned()),
        V::List(items) => items.iter().for_each(|i| collect_refs(i, out)),
        V::Map(props) => props.iter().for_each(|p| collect_refs(&p.val, out)),
        _ => {}
    }
}
