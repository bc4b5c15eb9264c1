//! Terraform JSON syntax (`.tf.json`): the document is turned into an HCL body with the
//! same meaning, where every JSON string is a call `__tfjson(N)` to the N-th template
//! (strings are templates in this syntax). Spans of resources and their properties are
//! then taken from the JSON document (see [`locate`]).

use hcl_edit::template::Template;

use super::ParsedFile;
use crate::doc::{Kind, Node};
use crate::frontend::{Diagnostic, Prop, V};
use crate::source::{FileId, Span};

/// The JSON side of a `.tf.json` file.
#[derive(Clone)]
pub struct JsonSource {
    pub root: Node,
    pub templates: Vec<Template>,
}

const BLOCKS: &[&str] = &["resource", "data", "variable", "locals", "output", "module"];

pub fn parse(file: FileId, text: &str) -> Result<ParsedFile, Diagnostic> {
    let root = crate::doc::json::parse(text).map_err(|e| Diagnostic {
        file,
        offset: Some(e.offset as u32),
        message: e.message,
    })?;
    let mut w = Writer {
        out: String::new(),
        templates: Vec::new(),
    };
    for e in root.entries() {
        if !BLOCKS.contains(&e.key.as_str()) {
            continue;
        }
        match e.key.as_str() {
            "resource" | "data" => {
                for t in e.value.entries() {
                    for n in t.value.entries() {
                        for body in objects(&n.value) {
                            w.out.push_str(&format!("{} {} {} {{\n", e.key, q(&t.key), q(&n.key)));
                            w.body(body, false);
                            w.out.push_str("}\n");
                        }
                    }
                }
            }
            "locals" => {
                for body in objects(&e.value) {
                    w.out.push_str("locals {\n");
                    w.body(body, false);
                    w.out.push_str("}\n");
                }
            }
            kind => {
                for n in e.value.entries() {
                    for body in objects(&n.value) {
                        w.out.push_str(&format!("{kind} {} {{\n", q(&n.key)));
                        w.body(body, kind == "variable");
                        w.out.push_str("}\n");
                    }
                }
            }
        }
    }
    let body = hcl_edit::parser::parse_body(&w.out).map_err(|e| Diagnostic {
        file,
        offset: None,
        message: format!("Terraform JSON syntax: {}", e.message()),
    })?;
    Ok(ParsedFile {
        file,
        body,
        json: Some(Box::new(JsonSource {
            root,
            templates: w.templates,
        })),
        // JSON has no comments.
        directives: Vec::new(),
    })
}

/// A block's body may be one object or an array of objects.
fn objects(n: &Node) -> Vec<&Node> {
    match &n.kind {
        Kind::Map(_) => vec![n],
        Kind::Seq(items) => items.iter().filter(|i| i.is_map()).collect(),
        _ => Vec::new(),
    }
}

fn q(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".into())
        .replace("${", "$${")
        .replace("%{", "%%{")
}

fn ident(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic() || f == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

struct Writer {
    out: String,
    templates: Vec<Template>,
}

impl Writer {
    fn body(&mut self, n: &Node, variable: bool) {
        for e in n.entries() {
            if e.key == "//" || !ident(&e.key) || e.key == "depends_on" || e.key == "lifecycle" || e.key == "provider" {
                continue;
            }
            self.out.push_str(&e.key);
            self.out.push_str(" = ");
            match (variable, e.key.as_str()) {
                (true, "type") => {
                    let t = e.value.as_str().unwrap_or("any");
                    let ok = hcl_edit::parser::parse_expr(t).is_ok() && !t.contains('\n');
                    self.out.push_str(if ok { t } else { "any" });
                }
                (true, _) => self.literal(&e.value),
                (false, "source" | "version") => self.literal(&e.value),
                _ => self.expr(&e.value, 0),
            }
            self.out.push('\n');
        }
    }

    /// A JSON value taken literally (variable defaults, module sources).
    fn literal(&mut self, n: &Node) {
        match &n.kind {
            Kind::Str(s) => self.out.push_str(&q(s)),
            _ => self.value(n, 0, true),
        }
    }

    fn expr(&mut self, n: &Node, depth: usize) {
        self.value(n, depth, false)
    }

    fn value(&mut self, n: &Node, depth: usize, literal: bool) {
        if depth > crate::doc::MAX_DEPTH {
            self.out.push_str("null");
            return;
        }
        match &n.kind {
            Kind::Null => self.out.push_str("null"),
            Kind::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Kind::Number(t) => self.out.push_str(if t.parse::<f64>().is_ok() { t } else { "null" }),
            Kind::Str(s) if literal => self.out.push_str(&q(s)),
            Kind::Str(s) => match hcl_edit::parser::parse_template(s) {
                Ok(t) => {
                    self.out.push_str(&format!("__tfjson({})", self.templates.len()));
                    self.templates.push(t);
                }
                Err(_) => self.out.push_str(&q(s)),
            },
            Kind::Seq(items) => {
                self.out.push('[');
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.value(it, depth + 1, literal);
                }
                self.out.push(']');
            }
            Kind::Map(entries) => {
                self.out.push_str("{\n");
                for e in entries {
                    if e.key == "//" {
                        continue;
                    }
                    self.out.push_str(&q(&e.key));
                    self.out.push_str(" = ");
                    self.value(&e.value, depth + 1, literal);
                    self.out.push('\n');
                }
                self.out.push('}');
            }
        }
    }
}

/// Points a resource's header and properties at the JSON text.
pub fn locate(
    src: &JsonSource,
    file: FileId,
    kind: &str,
    rtype: &str,
    name: &str,
    header: &mut Span,
    props: &mut [Prop],
) {
    let Some(entry) = src
        .root
        .get(kind)
        .and_then(|r| r.get(rtype))
        .and_then(|t| t.entry(name))
    else {
        return;
    };
    *header = Span::new(file, entry.key_span.start as usize, entry.key_span.end as usize);
    let body = objects(&entry.value).into_iter().next();
    fix(props, body, file, *header);
}

fn fix(props: &mut [Prop], node: Option<&Node>, file: FileId, fallback: Span) {
    for p in props {
        let e = node.and_then(|n| n.entry(&p.key));
        p.span = match e {
            Some(e) => Span::new(file, e.key_span.start as usize, e.value.span.end as usize),
            None => fallback,
        };
        fix_val(&mut p.val, e.map(|e| &e.value), file, p.span);
    }
}

fn fix_val(v: &mut crate::frontend::EVal, node: Option<&Node>, file: FileId, fallback: Span) {
    v.span = Some(fallback);
    v.prov.retain(|s| s.span.file != file);
    match &mut v.v {
        V::Map(props) => fix(props, node, file, fallback),
        V::List(items) => {
            for (i, it) in items.iter_mut().enumerate() {
                let n = node.and_then(|n| match &n.kind {
                    Kind::Seq(xs) => xs.get(i),
                    Kind::Map(_) if i == 0 => Some(n),
                    _ => None,
                });
                let span = n
                    .map(|n| Span::new(file, n.span.start as usize, n.span.end as usize))
                    .unwrap_or(fallback);
                fix_val(it, n, file, span);
            }
        }
        _ => {}
    }
}
