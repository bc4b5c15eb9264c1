//! Terraform front end: a directory is a module. Files are parsed with `hcl-edit`
//! (byte spans on every node), variables/locals/resources are collected, and the
//! resources the adapters know are evaluated into [`RawResource`]s.

mod eval;

use std::collections::HashMap;

use hcl_edit::Span as _;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};

use self::eval::Evaluator;
use super::{Diagnostic, EVal, Lang, Prop, RawResource, Unit, V};
use crate::model::Iac;
use crate::source::{FileId, Span};

/// A parsed `.tf` file.
pub struct ParsedFile {
    pub file: FileId,
    pub body: Body,
}

/// Parses one `.tf` file; a syntax error becomes a located diagnostic.
pub fn parse(file: FileId, text: &str) -> Result<ParsedFile, Diagnostic> {
    match hcl_edit::parser::parse_body(text) {
        Ok(body) => Ok(ParsedFile { file, body }),
        Err(err) => {
            let loc = err.location();
            Err(Diagnostic {
                file,
                offset: Some(loc.offset().min(text.len()) as u32),
                message: format!("HCL syntax error: {}", err.message()),
            })
        }
    }
}

pub(crate) struct VarDecl<'a> {
    file: FileId,
    default: Option<&'a Expression>,
}

pub(crate) struct LocalDecl<'a> {
    file: FileId,
    span: Span,
    expr: &'a Expression,
}

pub(crate) struct ResourceDecl<'a> {
    file: FileId,
    rtype: String,
    name: String,
    block: &'a Block,
}

/// Everything declared in one module, borrowed from its parsed files.
#[derive(Default)]
pub(crate) struct ModuleDecls<'a> {
    vars: HashMap<String, VarDecl<'a>>,
    locals: HashMap<String, LocalDecl<'a>>,
    resources: Vec<ResourceDecl<'a>>,
    /// `TYPE.NAME` of every managed resource, for reference resolution.
    addresses: HashMap<String, usize>,
}

fn label(block: &Block, i: usize) -> Option<&str> {
    block.labels.get(i).map(|l| l.as_str())
}

fn span_of(file: FileId, r: Option<std::ops::Range<usize>>) -> Option<Span> {
    r.map(|r| Span::new(file, r.start, r.end))
}

/// The span of a block's header: from its identifier to the end of its last label.
fn header_span(file: FileId, block: &Block) -> Span {
    let start = block
        .ident
        .span()
        .map(|r| r.start)
        .or(block.span().map(|r| r.start))
        .unwrap_or(0);
    let end = block
        .labels
        .last()
        .and_then(|l| l.span())
        .or(block.ident.span())
        .map(|r| r.end)
        .unwrap_or(start);
    Span::new(file, start, end)
}

fn collect<'a>(files: &'a [ParsedFile]) -> ModuleDecls<'a> {
    let mut decls = ModuleDecls::default();
    for pf in files {
        for block in pf.body.blocks() {
            match block.ident.as_str() {
                "variable" => {
                    if let Some(name) = label(block, 0) {
                        let default = block.body.get_attribute("default").map(|a| &a.value);
                        decls.vars.insert(name.to_string(), VarDecl { file: pf.file, default });
                    }
                }
                "locals" => {
                    for attr in block.body.attributes() {
                        let span = span_of(pf.file, attr.span()).unwrap_or_default();
                        decls.locals.insert(
                            attr.key.as_str().to_string(),
                            LocalDecl {
                                file: pf.file,
                                span,
                                expr: &attr.value,
                            },
                        );
                    }
                }
                "resource" => {
                    if let (Some(t), Some(n)) = (label(block, 0), label(block, 1)) {
                        decls.addresses.insert(format!("{t}.{n}"), decls.resources.len());
                        decls.resources.push(ResourceDecl {
                            file: pf.file,
                            rtype: t.to_string(),
                            name: n.to_string(),
                            block,
                        });
                    }
                }
                _ => {}
            }
        }
    }
    decls
}

/// Evaluates one module (its parsed files) into a unit. Only resources whose type
/// `wanted` accepts are evaluated; every resource is known for references.
pub fn evaluate_module(files: &[ParsedFile], wanted: &dyn Fn(&str) -> bool) -> Unit {
    let decls = collect(files);
    let mut ev = Evaluator::new(&decls);
    let mut unit = Unit::default();
    for res in &decls.resources {
        if !wanted(&res.rtype) {
            continue;
        }
        let address = format!("{}.{}", res.rtype, res.name);
        let mut instances = Vec::new();
        let mut exists_if = None;
        if let Some(count) = res.block.body.get_attribute("count") {
            let n = ev.eval(res.file, &count.value);
            match n.as_num() {
                Some(n) if n <= 0.0 => continue,
                Some(n) if n > 1.0 => {
                    instances = (0..(n as usize).min(1000)).map(|i| format!("{address}[{i}]")).collect();
                }
                Some(_) => {}
                None => exists_if = Some(format!("count = {}", n.unknown_why().unwrap_or("unknown"))),
            }
        }
        if let Some(each) = res.block.body.get_attribute("for_each") {
            let v = ev.eval(res.file, &each.value);
            match &v.v {
                V::List(items) if items.is_empty() => continue,
                V::Map(props) if props.is_empty() => continue,
                V::List(_) | V::Map(_) => {}
                _ => exists_if = Some(format!("for_each = {}", v.unknown_why().unwrap_or("unknown"))),
            }
        }
        let props = body_props(&mut ev, res.file, &res.block.body);
        unit.resources.push(RawResource {
            address,
            resource_type: res.rtype.clone(),
            iac: Iac::Terraform,
            lang: Lang::Terraform,
            header: header_span(res.file, res.block),
            props,
            instances,
            context: None,
            exists_if,
            suppressions: Vec::new(),
        });
    }
    unit.notes = ev.take_notes();
    unit
}

const META_ARGUMENTS: &[&str] = &["count", "for_each", "provider", "depends_on", "lifecycle"];

/// Attributes and nested blocks of a body as properties. Repeated blocks of one type
/// become one list property (spanning the first block), as Terraform's schema sees them.
fn body_props(ev: &mut Evaluator, file: FileId, body: &Body) -> Vec<Prop> {
    let mut props: Vec<Prop> = Vec::new();
    for attr in body.attributes() {
        let key = attr.key.as_str();
        if META_ARGUMENTS.contains(&key) {
            continue;
        }
        let span = span_of(file, attr.span()).unwrap_or_default();
        let val = ev.eval(file, &attr.value);
        props.push(Prop {
            key: key.to_string(),
            span,
            val,
        });
    }
    for block in body.blocks() {
        let ident = block.ident.as_str();
        if META_ARGUMENTS.contains(&ident) {
            continue;
        }
        let span = span_of(file, block.span()).unwrap_or_default();
        let (key, item) = if ident == "dynamic" {
            // Expanded by the full evaluator; until then its content is unknown.
            let Some(name) = label(block, 0) else { continue };
            (
                name.to_string(),
                EVal::unknown(format!("dynamic \"{name}\" block"), Some(span)),
            )
        } else {
            let inner = body_props(ev, file, &block.body);
            (ident.to_string(), EVal::new(V::Map(inner), Some(span)))
        };
        match props.iter_mut().find(|p| p.key == key) {
            Some(Prop {
                val: EVal { v: V::List(items), .. },
                ..
            }) => items.push(item),
            Some(_) => {}
            None => props.push(Prop {
                key,
                span,
                val: EVal::new(V::List(vec![item]), Some(span)),
            }),
        }
    }
    props
}
