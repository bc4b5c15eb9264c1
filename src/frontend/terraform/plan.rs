//! Terraform plan JSON (`terraform show -json plan.out`): `planned_values` hold resolved
//! resources (root and child modules, with indexes). Values that are only known after
//! apply (`resource_changes[].change.after_unknown`) are unknown, and link through the
//! `configuration` expressions' `references`. Findings point at the resource object.

use std::collections::{HashMap, HashSet};

use crate::doc::{Kind, Node};
use crate::frontend::{EVal, Lang, Prop, RawResource, RefTo, Unit, V};
use crate::model::Iac;
use crate::source::{FileId, Span};

/// Is this JSON document a plan?
pub fn is_plan(root: &Node) -> bool {
    root.get("format_version").is_some() && root.get("planned_values").is_some()
}

/// Most nested child modules followed.
const MAX_DEPTH: usize = 32;

pub fn evaluate_plan(file: FileId, root: &Node, wanted: &dyn Fn(&str) -> bool) -> Unit {
    // after_unknown per resource instance address.
    let mut after_unknown: HashMap<String, &Node> = HashMap::new();
    for rc in root.get("resource_changes").map(Node::items).unwrap_or(&[]) {
        if let (Some(a), Some(u)) = (
            rc.get("address").and_then(Node::as_str),
            rc.get("change").and_then(|c| c.get("after_unknown")),
        ) {
            after_unknown.insert(a.to_string(), u);
        }
    }
    // Expression references per configuration address (`module.a.aws_cloudtrail.t`).
    let mut refs: HashMap<String, HashMap<String, Vec<String>>> = HashMap::new();
    if let Some(cm) = root.get("configuration").and_then(|c| c.get("root_module")) {
        config_refs(cm, "", &mut refs, 0);
    }
    let mut resources: Vec<(&Node, String)> = Vec::new();
    if let Some(rm) = root.get("planned_values").and_then(|p| p.get("root_module")) {
        planned(rm, &mut resources, 0);
    }
    let known: HashSet<String> = resources
        .iter()
        .filter_map(|(r, _)| r.get("address").and_then(Node::as_str).map(str::to_string))
        .collect();
    let mut unit = Unit::default();
    for (r, module) in resources {
        if r.get("mode").and_then(Node::as_str) != Some("managed") {
            continue;
        }
        let (Some(rtype), Some(name), Some(address)) = (
            r.get("type").and_then(Node::as_str),
            r.get("name").and_then(Node::as_str),
            r.get("address").and_then(Node::as_str),
        ) else {
            continue;
        };
        if !wanted(rtype) {
            continue;
        }
        let header = Span::new(file, r.span.start as usize, r.span.start as usize + 1);
        let local = format!("{rtype}.{name}");
        let config_addr = format!("{module}{local}");
        let unknown = after_unknown.get(address).copied();
        let exprs = refs.get(&config_addr);
        let prefix = module.clone();
        let link = |attr: &str| -> Option<RefTo> {
            let list = exprs?.get(attr)?;
            list.iter().find_map(|reference| {
                let full = format!("{prefix}{reference}");
                // `aws_s3_bucket.b.id` -> instance `aws_s3_bucket.b`, attribute `id`.
                let (target, attr) = full.rsplit_once('.')?;
                known.contains(target).then(|| RefTo {
                    address: target.to_string(),
                    attr: attr.to_string(),
                })
            })
        };
        let mut props = Vec::new();
        for e in r.get("values").map(Node::entries).unwrap_or(&[]) {
            let unknown_here = unknown.and_then(|u| u.get(&e.key));
            let val = if unknown_here.is_some_and(|u| u.as_bool() == Some(true)) {
                match link(&e.key) {
                    Some(r) => EVal::new(
                        V::Unknown {
                            why: format!("{address}.{} (known after apply)", e.key),
                            refs: vec![r],
                            text: None,
                        },
                        Some(header),
                    ),
                    None => EVal::unknown(format!("{address}.{} (known after apply)", e.key), Some(header)),
                }
            } else {
                value(&e.value, unknown_here, header)
            };
            if matches!(val.v, V::Null) && unknown_here.is_none() {
                continue;
            }
            props.push(Prop {
                key: e.key.clone(),
                span: header,
                val,
            });
        }
        // Attributes unknown after apply that `values` omits.
        if let Some(u) = unknown {
            for e in u.entries() {
                if e.value.as_bool() == Some(true) && !props.iter().any(|p| p.key == e.key) {
                    let why = format!("{address}.{} (known after apply)", e.key);
                    let val = match link(&e.key) {
                        Some(r) => EVal::new(
                            V::Unknown {
                                why,
                                refs: vec![r],
                                text: None,
                            },
                            Some(header),
                        ),
                        None => EVal::unknown(why, Some(header)),
                    };
                    props.push(Prop {
                        key: e.key.clone(),
                        span: header,
                        val,
                    });
                }
            }
        }
        unit.resources.push(RawResource {
            address: local.clone(),
            resource_type: rtype.to_string(),
            iac: Iac::TerraformPlan,
            lang: Lang::Terraform,
            header,
            props,
            instances: if address == local {
                Vec::new()
            } else {
                vec![address.to_string()]
            },
            instance: match address.rfind(local.as_str()) {
                Some(at) => crate::model::Instance {
                    module: address[..at].to_string(),
                    key: address[at + local.len()..].to_string(),
                    provider: None,
                },
                None => Default::default(),
            },
            context: None,
            exists_if: None,
            module_calls: Vec::new(),
        });
    }
    unit
}

fn planned<'n>(m: &'n Node, out: &mut Vec<(&'n Node, String)>, depth: usize) {
    let module = m
        .get("address")
        .and_then(Node::as_str)
        .map(|a| format!("{a}."))
        .unwrap_or_default();
    for r in m.get("resources").map(Node::items).unwrap_or(&[]) {
        out.push((r, module.clone()));
    }
    if depth < MAX_DEPTH {
        for c in m.get("child_modules").map(Node::items).unwrap_or(&[]) {
            planned(c, out, depth + 1);
        }
    }
}

/// Module prefix in `planned_values` includes instance keys (`module.a[0].`); the
/// configuration does not. Both are looked up by the configuration form.
fn config_refs(m: &Node, prefix: &str, out: &mut HashMap<String, HashMap<String, Vec<String>>>, depth: usize) {
    for r in m.get("resources").map(Node::items).unwrap_or(&[]) {
        let Some(addr) = r.get("address").and_then(Node::as_str) else {
            continue;
        };
        let mut attrs = HashMap::new();
        for e in r.get("expressions").map(Node::entries).unwrap_or(&[]) {
            let list: Vec<String> = e
                .value
                .get("references")
                .map(Node::items)
                .unwrap_or(&[])
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect();
            if !list.is_empty() {
                attrs.insert(e.key.clone(), list);
            }
        }
        out.insert(format!("{prefix}{addr}"), attrs);
    }
    if depth < MAX_DEPTH {
        for c in m.get("module_calls").map(Node::entries).unwrap_or(&[]) {
            if let Some(module) = c.value.get("module") {
                config_refs(module, &format!("{prefix}module.{}.", c.key), out, depth + 1);
            }
        }
    }
}

/// A planned value; nested `after_unknown` entries mark unknown parts.
fn value(n: &Node, unknown: Option<&Node>, span: Span) -> EVal {
    if unknown.is_some_and(|u| u.as_bool() == Some(true)) {
        return EVal::unknown("known after apply", Some(span));
    }
    let v = match &n.kind {
        Kind::Null => V::Null,
        Kind::Bool(b) => V::Bool(*b),
        Kind::Number(t) => t.parse().map(V::Num).unwrap_or_else(|_| V::Str(t.clone())),
        Kind::Str(s) => V::Str(s.clone()),
        Kind::Seq(items) => V::List(
            items
                .iter()
                .enumerate()
                .map(|(i, x)| value(x, unknown.and_then(|u| u.items().get(i)), span))
                .collect(),
        ),
        Kind::Map(entries) => V::Map(
            entries
                .iter()
                .map(|e| Prop {
                    key: e.key.clone(),
                    span,
                    val: value(&e.value, unknown.and_then(|u| u.get(&e.key)), span),
                })
                .collect(),
        ),
    };
    EVal::new(v, Some(span))
}
