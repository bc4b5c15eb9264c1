//! CloudFormation front end: templates (YAML or JSON, already parsed into a
//! [`crate::doc::Node`] tree with spans) become units of [`RawResource`]s.
//!
//! - `eval`: parameters, conditions, mappings and every intrinsic function.
//! - `params`: parameter files (`aws cloudformation` and CodePipeline formats).
//! - `sam`: what SAM (`AWS::Serverless::*`) resources create that matters here.
//! - this file: one template's resources (`Condition`, `Fn::ForEach`, CDK metadata) and
//!   nested stacks (`AWS::CloudFormation::Stack` with a local `TemplateURL`), whose child
//!   templates are evaluated with the parameters their parent passes, not on their own.

mod eval;
pub mod params;
mod sam;

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

pub use eval::Overrides;
use eval::{Evaluator, span};

use super::{Diagnostic, EVal, Lang, Prop, RawResource, Unit, V};
use crate::doc::{ByteSpan, Node};
use crate::model::{Iac, Step};
use crate::source::{FileId, Span};

/// Nested stacks deeper than this are not evaluated.
const MAX_NESTING: usize = 16;

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

/// A parsed template file.
pub struct TemplateFile {
    pub file: FileId,
    pub path: PathBuf,
    pub root: Node,
}

/// A nested stack a template creates.
struct ChildStack {
    logical_id: String,
    header: Span,
    /// `TemplateURL` (or SAM `Location`), when known.
    url: Option<String>,
    params: Overrides,
    exists_if: Option<String>,
}

/// Evaluates one template on its own (no nested stacks) with the given parameter values.
pub fn evaluate_template(file: FileId, root: &Node, overrides: &Overrides, wanted: &dyn Fn(&str) -> bool) -> Unit {
    evaluate(file, root, overrides, wanted).0
}

/// Evaluates a template that creates no nested stack, as a top-level template with
/// `overrides`; `None` when it creates one (it waits for [`evaluate_all_with`], once every
/// template is known). The scan evaluates templates this way as soon as they are parsed
/// and drops their trees (issue 18).
pub fn evaluate_leaf(file: FileId, root: &Node, overrides: &Overrides, wanted: &dyn Fn(&str) -> bool) -> Option<Unit> {
    let (unit, children) = evaluate(file, root, overrides, wanted);
    children.is_empty().then_some(unit)
}

/// A template already evaluated by [`evaluate_leaf`] whose tree was dropped.
pub struct Leaf {
    pub file: FileId,
    pub path: PathBuf,
    /// Its evaluation as a top-level template.
    pub unit: Unit,
}

/// The unit of a template whose evaluation panicked.
pub fn internal_error_unit(file: FileId) -> Unit {
    Unit {
        resources: Vec::new(),
        notes: vec![Diagnostic {
            file,
            offset: None,
            message: "internal error while evaluating this template".into(),
        }],
        ..Default::default()
    }
}

/// One resource entry after `Fn::ForEach` expansion.
struct Entry<'a> {
    id: String,
    key_span: ByteSpan,
    body: &'a Node,
    env: Vec<(String, EVal)>,
}

fn evaluate(
    file: FileId,
    root: &Node,
    overrides: &Overrides,
    wanted: &dyn Fn(&str) -> bool,
) -> (Unit, Vec<ChildStack>) {
    let mut ev = Evaluator::new(file, root, overrides);
    let mut entries: Vec<Entry> = Vec::new();
    for e in root.get("Resources").map(Node::entries).unwrap_or(&[]) {
        if e.key.starts_with("Fn::ForEach::") {
            ev.for_each(e, &mut |id, key_span, body| {
                entries.push(Entry {
                    id,
                    key_span,
                    body,
                    env: ev.env.borrow().clone(),
                })
            });
        } else {
            entries.push(Entry {
                id: e.key.clone(),
                key_span: e.key_span,
                body: &e.value,
                env: Vec::new(),
            });
        }
    }
    for e in &entries {
        let rtype = e.body.get("Type").and_then(Node::as_str).unwrap_or("");
        ev.resources.insert(e.id.clone(), rtype.to_string());
    }
    let mut unit = Unit::default();
    let mut children = Vec::new();
    let sam = is_sam(root);
    for e in &entries {
        let Some(rtype) = e.body.get("Type").and_then(Node::as_str) else {
            continue;
        };
        *ev.env.borrow_mut() = e.env.clone();
        let exists_if = match e.body.get("Condition") {
            None => None,
            Some(c) => match c.as_str() {
                Some(name) => match ev.condition(name) {
                    Some(true) => None,
                    Some(false) => continue, // The resource does not exist.
                    None => Some(format!("condition {name}")),
                },
                None => Some("a condition".to_string()),
            },
        };
        let is_stack = rtype == "AWS::CloudFormation::Stack";
        let is_serverless = rtype.starts_with("AWS::Serverless::");
        if !(wanted(rtype) || is_stack || (sam && is_serverless)) {
            continue;
        }
        let props = match e.body.get("Properties") {
            Some(p) => properties(ev.eval(p)),
            None => Vec::new(),
        };
        let context = e
            .body
            .get("Metadata")
            .and_then(|m| m.get("aws:cdk:path"))
            .and_then(Node::as_str)
            .map(|p| format!("CDK construct {p}"));
        let header = span(file, e.key_span);
        if is_stack {
            children.push(child_stack(&e.id, header, &props, "TemplateURL", exists_if));
            continue;
        }
        if is_serverless && matches!(rtype, "AWS::Serverless::Api" | "AWS::Serverless::HttpApi") {
            // SAM APIs keep their own type; a `Globals` access-log setting applies when the
            // resource has none (APIGW-01, services.md §4.2).
            let mut props = props;
            let (section, key) = if rtype == "AWS::Serverless::Api" {
                ("Api", "AccessLogSetting")
            } else {
                ("HttpApi", "AccessLogSettings")
            };
            if !props.iter().any(|p| p.key == key)
                && let Some(g) = root.get("Globals").and_then(|g| g.get(section))
                && let Some(entry) = g.entries().iter().find(|en| en.key == key)
            {
                props.push(Prop {
                    key: key.to_string(),
                    span: span(file, entry.key_span),
                    val: ev.eval(&entry.value),
                });
            }
            unit.resources.push(RawResource {
                address: e.id.clone(),
                resource_type: rtype.to_string(),
                iac: Iac::CloudFormation,
                lang: Lang::CloudFormation,
                header,
                props,
                instances: Vec::new(),
                instance: Default::default(),
                context,
                exists_if,
                module_calls: Vec::new(),
            });
            unit.directives
                .extend(metadata_suppressions(file, &e.id, e.body.get("Metadata")));
            continue;
        }
        if is_serverless {
            if rtype == "AWS::Serverless::Application" {
                children.push(child_stack(&e.id, header, &props, "Location", exists_if));
            } else {
                sam::expand(&e.id, rtype, &props, &exists_if, &context, wanted, &mut unit);
            }
            continue;
        }
        unit.resources.push(RawResource {
            address: e.id.clone(),
            resource_type: rtype.to_string(),
            iac: Iac::CloudFormation,
            lang: Lang::CloudFormation,
            header,
            props,
            instances: Vec::new(),
            instance: Default::default(),
            context,
            exists_if,
            module_calls: Vec::new(),
        });
        unit.directives
            .extend(metadata_suppressions(file, &e.id, e.body.get("Metadata")));
    }
    for (offset, message) in ev.notes.take() {
        unit.notes.push(Diagnostic {
            file,
            offset: Some(offset),
            message,
        });
    }
    (unit, children)
}

/// Suppressions in a resource's `Metadata`: blindspot's own (`blindspot.ignore:
/// [{id, reason}]`), Checkov's (`checkov.skip: [{id, comment}]`) and cfn_nag's
/// (`cfn_nag.rules_to_suppress: [{id, reason}]`).
fn metadata_suppressions(file: FileId, address: &str, meta: Option<&Node>) -> Vec<crate::directive::Directive> {
    use crate::directive::{Directive, Placement, Tool};
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
                placement: Placement::Metadata {
                    address: address.to_string(),
                },
            });
        }
    }
    out
}

fn is_sam(root: &Node) -> bool {
    const SAM: &str = "AWS::Serverless-2016-10-31";
    match root.get("Transform") {
        Some(t) => t.as_str() == Some(SAM) || t.items().iter().any(|i| i.as_str() == Some(SAM)),
        None => false,
    }
}

/// A resource's evaluated `Properties` as a property list. `Properties: !If [C, {...}, {...}]`
/// on an unknown condition gives each key one of its values in the branches.
fn properties(v: EVal) -> Vec<Prop> {
    match v.v {
        V::Map(props) => props,
        V::OneOf { why, alts } => {
            let mut keys: Vec<(String, Span)> = Vec::new();
            for alt in alts.iter().flatten() {
                if let V::Map(props) = &alt.v {
                    for p in props {
                        if !keys.iter().any(|(k, _)| *k == p.key) {
                            keys.push((p.key.clone(), p.span));
                        }
                    }
                }
            }
            keys.into_iter()
                .map(|(key, span)| {
                    let vals = alts
                        .iter()
                        .map(|a| match a.as_ref().map(|a| &a.v) {
                            Some(V::Map(props)) => props.iter().find(|p| p.key == key).map(|p| p.val.clone()),
                            _ => None,
                        })
                        .collect();
                    Prop {
                        key,
                        span,
                        val: EVal::new(
                            V::OneOf {
                                why: why.clone(),
                                alts: vals,
                            },
                            Some(span),
                        ),
                    }
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

fn child_stack(id: &str, header: Span, props: &[Prop], url_key: &str, exists_if: Option<String>) -> ChildStack {
    let url = props.iter().find(|p| p.key == url_key).and_then(|p| p.val.as_text());
    let mut params = Overrides::new();
    if let Some(p) = props.iter().find(|p| p.key == "Parameters")
        && let V::Map(passed) = &p.val.v
    {
        for q in passed {
            let mut v = detach(&q.val);
            v.prov.push(Step {
                span: q.span,
                message: format!("value passed by nested stack {id}"),
                kind: crate::model::StepKind::NestedStackParameter,
            });
            params.insert(q.key.clone(), v);
        }
    }
    ChildStack {
        logical_id: id.to_string(),
        header,
        url,
        params,
        exists_if,
    }
}

/// A parent's value as seen from a child stack: references to the parent's resources
/// cannot resolve in the child, so they become unknown.
fn detach(v: &EVal) -> EVal {
    let inner = match &v.v {
        V::Ref(r) => V::Unknown {
            why: format!("{}.{} (parent stack)", r.address, r.attr),
            refs: Vec::new(),
            text: None,
        },
        V::Unknown { why, .. } => V::Unknown {
            why: why.clone(),
            refs: Vec::new(),
            text: None,
        },
        V::List(items) => V::List(items.iter().map(detach).collect()),
        V::Map(props) => V::Map(
            props
                .iter()
                .map(|p| Prop {
                    key: p.key.clone(),
                    span: p.span,
                    val: detach(&p.val),
                })
                .collect(),
        ),
        V::OneOf { why, alts } => V::OneOf {
            why: why.clone(),
            alts: alts.iter().map(|a| a.as_ref().map(detach)).collect(),
        },
        other => other.clone(),
    };
    EVal {
        v: inner,
        span: v.span,
        prov: v.prov.clone(),
    }
}

/// A `TemplateURL` that names a local file (not `s3://`, `https://`...), resolved
/// against the parent template's directory.
fn local_path(url: &str, parent: &Path) -> Option<PathBuf> {
    let url = url.strip_prefix("file://").unwrap_or(url);
    if url.is_empty() || url.contains("://") || url.starts_with("s3:") {
        return None;
    }
    let p = Path::new(url);
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        parent.parent().unwrap_or(Path::new("")).join(p)
    };
    Some(normalize(&joined))
}

/// The canonical form of a path when it exists, else a lexically normalized one.
pub fn normalize(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The local files the nested stacks of `t` name (TemplateURL as written or computed
/// from defaults), so a scan can load those it has not found itself.
pub fn child_paths(t: &TemplateFile, overrides: &Overrides) -> Vec<PathBuf> {
    let (_, children) = evaluate(t.file, &t.root, overrides, &|_| false);
    children
        .iter()
        .filter_map(|c| local_path(c.url.as_deref()?, &t.path))
        .collect()
}

/// Evaluates every template. A template that another scanned template uses as a nested
/// stack is evaluated as that stack (with the parameters passed to it), not on its own;
/// top-level templates get `overrides`. Units come in a deterministic order.
pub fn evaluate_all(
    templates: &[TemplateFile],
    overrides: &Overrides,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<(FileId, Unit)> {
    evaluate_all_with(templates, Vec::new(), &|_, _| None, overrides, wanted)
}

/// [`evaluate_all`] where some templates were already evaluated on their own by
/// [`evaluate_leaf`] and their trees dropped (`leaves`). A leaf that a template uses as
/// a nested stack is parsed again with `reparse` (file, path) and evaluated as that
/// stack, and its own unit is dropped when a top-level template names it, exactly as
/// if its tree had been kept. `templates` and `leaves` are each in file order.
pub fn evaluate_all_with(
    templates: &[TemplateFile],
    leaves: Vec<Leaf>,
    reparse: &(dyn Fn(FileId, &Path) -> Option<Node> + Sync),
    overrides: &Overrides,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<(FileId, Unit)> {
    // Indexes: templates first, then leaves.
    let n = templates.len();
    let (leaf_paths, mut leaf_units): (Vec<(FileId, PathBuf)>, Vec<Option<Unit>>) =
        leaves.into_iter().map(|l| ((l.file, l.path), Some(l.unit))).unzip();
    let index: HashMap<PathBuf, usize> = templates
        .iter()
        .map(|t| &t.path)
        .chain(leaf_paths.iter().map(|l| &l.1))
        .enumerate()
        .map(|(i, p)| (normalize(p), i))
        .collect();
    // Leaves create no nested stack: no edges.
    let mut edges: Vec<Vec<usize>> = templates
        .par_iter()
        .map(|t| {
            std::panic::catch_unwind(AssertUnwindSafe(|| {
                child_paths(t, overrides)
                    .iter()
                    .filter_map(|p| index.get(p).copied())
                    .collect()
            }))
            .unwrap_or_default()
        })
        .collect();
    edges.resize(n + leaf_paths.len(), Vec::new());
    let total = edges.len();
    let referenced: HashSet<usize> = edges.iter().flatten().copied().collect();
    let mut roots: Vec<usize> = (0..total).filter(|i| !referenced.contains(i)).collect();
    // Templates only reachable through a cycle of nested stacks: evaluate them alone too.
    let mut reached = vec![false; total];
    let mut stack = roots.clone();
    while let Some(i) = stack.pop() {
        if !std::mem::replace(&mut reached[i], true) {
            stack.extend(edges[i].iter().copied());
        }
    }
    for i in 0..total {
        if !reached[i] {
            roots.push(i);
            let mut stack = vec![i];
            while let Some(j) = stack.pop() {
                if !std::mem::replace(&mut reached[j], true) {
                    stack.extend(edges[j].iter().copied());
                }
            }
        }
    }
    let file_of = |i: usize| {
        if i < n { templates[i].file } else { leaf_paths[i - n].0 }
    };
    // In file order, as when every template was in one list.
    roots.sort_unstable_by_key(|&i| (file_of(i), i));
    let cx = Nesting {
        templates,
        leaves: &leaf_paths,
        reparse,
        index: &index,
        wanted,
    };
    // Leaf roots take their unit as it is; the others are evaluated (in parallel).
    let work: Vec<(usize, Option<Unit>)> = roots
        .iter()
        .map(|&i| (i, if i >= n { leaf_units[i - n].take() } else { None }))
        .collect();
    drop(leaf_units);
    work.into_par_iter()
        .map(|(i, done)| {
            if let Some(unit) = done {
                return vec![(file_of(i), unit)];
            }
            let file = file_of(i);
            std::panic::catch_unwind(AssertUnwindSafe(|| {
                let mut out = Vec::new();
                cx.eval(i, overrides, None, &mut vec![i], &mut out);
                out
            }))
            .unwrap_or_else(|_| vec![(file, internal_error_unit(file))])
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

struct Nesting<'a> {
    templates: &'a [TemplateFile],
    /// Templates whose trees were dropped (indexes after `templates`): file and path.
    leaves: &'a [(FileId, PathBuf)],
    reparse: &'a (dyn Fn(FileId, &Path) -> Option<Node> + Sync),
    index: &'a HashMap<PathBuf, usize>,
    wanted: &'a (dyn Fn(&str) -> bool + Sync),
}

/// How a child stack's resources inherit from the stack that creates them.
struct Parent {
    exists_if: Option<String>,
    context: String,
}

impl Nesting<'_> {
    fn eval(
        &self,
        i: usize,
        overrides: &Overrides,
        parent: Option<&Parent>,
        chain: &mut Vec<usize>,
        out: &mut Vec<(FileId, Unit)>,
    ) {
        // A leaf used as a nested stack is parsed again (its tree was dropped).
        let reparsed;
        let t = match i.checked_sub(self.templates.len()) {
            None => &self.templates[i],
            Some(k) => {
                let (file, path) = &self.leaves[k];
                let Some(root) = (self.reparse)(*file, path) else {
                    return;
                };
                reparsed = TemplateFile {
                    file: *file,
                    path: path.clone(),
                    root,
                };
                &reparsed
            }
        };
        let (mut unit, children) = evaluate(t.file, &t.root, overrides, self.wanted);
        if let Some(parent) = parent {
            for r in &mut unit.resources {
                if r.exists_if.is_none() {
                    r.exists_if = parent.exists_if.clone();
                }
                r.context = Some(match r.context.take() {
                    Some(c) => format!("{c} ({})", parent.context),
                    None => parent.context.clone(),
                });
            }
        }
        let mut nested = Vec::new();
        for c in children {
            let note = |unit: &mut Unit, message: String| {
                unit.notes.push(Diagnostic {
                    file: t.file,
                    offset: Some(c.header.start),
                    message,
                })
            };
            let Some(url) = &c.url else {
                note(
                    &mut unit,
                    format!(
                        "nested stack {}: its template location is unknown, so it is not analysed",
                        c.logical_id
                    ),
                );
                continue;
            };
            let Some(path) = local_path(url, &t.path) else {
                note(
                    &mut unit,
                    format!(
                        "nested stack {}: template {url} is not a local file, so it is not analysed",
                        c.logical_id
                    ),
                );
                continue;
            };
            let Some(&j) = self.index.get(&path) else {
                note(
                    &mut unit,
                    format!(
                        "nested stack {}: template {} was not found or is not a template",
                        c.logical_id,
                        path.display()
                    ),
                );
                continue;
            };
            if chain.contains(&j) || chain.len() > MAX_NESTING {
                note(
                    &mut unit,
                    format!(
                        "nested stack {}: stacks nest in a cycle or too deeply; not followed",
                        c.logical_id
                    ),
                );
                continue;
            }
            let name = t
                .path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let exists_if = match (&c.exists_if, parent.and_then(|p| p.exists_if.clone())) {
                (Some(own), Some(up)) => Some(format!("{up} and {own} of nested stack {}", c.logical_id)),
                (Some(own), None) => Some(format!("{own} (nested stack {})", c.logical_id)),
                (None, up) => up,
            };
            let context = match parent {
                Some(p) => format!("nested stack {} in {name}, {}", c.logical_id, p.context),
                None => format!("nested stack {} in {name}", c.logical_id),
            };
            nested.push((j, c.params, Parent { exists_if, context }));
        }
        out.push((t.file, unit));
        for (j, params, p) in nested {
            chain.push(j);
            self.eval(j, &params, Some(&p), chain, out);
            chain.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Malformed intrinsics and sections give unknowns or nothing, never a panic.
    #[test]
    fn malformed_templates_do_not_panic() {
        let bodies = [
            "Resources: [1, 2]",
            "Resources: {T: {Type: AWS::CloudTrail::Trail, Properties: 3}}",
            "Resources: {T: {Type: AWS::CloudTrail::Trail, Condition: [x], Properties: {IsLogging: !If x}}}",
            "Parameters: [a]\nConditions: 3\nMappings: x\nResources: {T: {Type: AWS::CloudTrail::Trail, Properties: {A: !Ref a, B: !FindInMap x, C: !FindInMap [a, b, c, d, e]}}}",
            "Resources: {T: {Type: AWS::CloudTrail::Trail, Properties: {A: !Sub {x: 1}, B: !Sub [], C: !Sub [1, 2], D: !Sub '${', E: !Sub '${}${!}${ }', F: !GetAtt 3, G: !GetAtt [], H: !Select [x, y], I: !Select [-1, [a]], J: !Split [',' ], K: !Join 3, L: !Cidr [a, b, c], M: !Base64 [], N: !Length 3, O: !ToJsonString [!Ref AWS::NoValue], P: !Equals 1, Q: !And 1, R: !Or [], S: !Not [], U: !Condition [], V: !If [], W: !GetAZs [], X: {Fn::ForEach::L: 1}, Y: {Fn::ForEach::L: [a, !Ref Nope, {k: v}]}, Z: {Fn::Unknown: [!Ref T]}}}}",
            "Resources:\n  Fn::ForEach::R: [x, [a, b], {'T${x}': {Type: AWS::CloudTrail::Trail, Properties: {IsLogging: !Ref x}}}]\n  Fn::ForEach::S: 1\n",
            "Transform: [AWS::Serverless-2016-10-31]\nResources: {F: {Type: AWS::Serverless::Function, Properties: {Events: {E: {Type: EventBridgeRule}, G: 3, H: {Type: CloudWatchLogs, Properties: [1]}}}}, A: {Type: AWS::Serverless::Application, Properties: {Location: {ApplicationId: x}}}}",
            "Resources: {S: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: ../../../../etc/passwd, Parameters: [1]}}}",
            "Conditions: {A: !Equals [!Ref AWS::Region, !Ref AWS::Region], B: {Fn::Not: {Condition: A}}}\nResources: {T: {Type: AWS::CloudTrail::Trail, Condition: B, Properties: {IsLogging: !If [A, !If [B, 1, 2], !If [C, 3, 4]]}}}",
        ];
        for body in bodies {
            let root = crate::doc::yaml::parse(body).unwrap_or_else(|e| panic!("{body}: {e:?}"));
            let t = TemplateFile {
                file: FileId(0),
                path: PathBuf::from("/nonexistent/t.yaml"),
                root,
            };
            let units = evaluate_all(std::slice::from_ref(&t), &Overrides::new(), &|_| true);
            assert_eq!(units.len(), 1, "{body}");
            for u in &units {
                assert!(
                    !u.1.notes.iter().any(|n| n.message.contains("internal error")),
                    "{body}: {:?}",
                    u.1.notes
                );
            }
        }
    }
}
