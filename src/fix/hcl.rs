//! Terraform fixes. hcl-edit (the parser the front end uses) locates the resource block,
//! its attributes, nested blocks and their exact byte ranges; the fix is then a minimal
//! text edit at those ranges, so comments and all unrelated formatting stay as written.
//! Inserted attributes follow the block's indentation and the `=` alignment of the
//! attribute group they join (as `terraform fmt` aligns it).

use std::path::Path;

use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::{Attribute, Block, Body, Structure};

use super::{Cache, Ins, Lit, Planned, Remedy, after_line, count_word, edit, indent_of, line_start, newline};
use crate::finding::{Edit, Finding};
use crate::model::{Resource, StepKind};
use crate::scan::ScanOutput;
use crate::source::FileId;

pub(super) fn plan(out: &ScanOutput, cache: &mut Cache, f: &Finding, res: &Resource, r: &Remedy) -> Option<Planned> {
    let file = f.span.file;
    if !is_hcl(&out.file(file).path) {
        return None;
    }
    if f.span == res.header {
        return plan_missing(out, cache, f, res, r);
    }
    let body = cache.hcl(out, file)?;
    let attr = find_attr(&body, f.span.start as usize)?;
    let key = attr.key.as_str();
    let lit = r.values.iter().find(|(k, _)| *k == key)?.1.clone();
    let vspan = attr.value.span()?;
    let text = &out.file(file).text;
    let here = |note: Option<String>| Planned {
        description: format!("set `{key} = {}`", lit.hcl()),
        note,
        edits: vec![edit(file, vspan.start, vspan.end, tf_like(&lit, &text[vspan.clone()]))],
    };
    match classify(&attr.value) {
        Expr::Literal => Some(here(None)),
        Expr::Var(name) => match chain(out, cache, f, &name, &lit) {
            Ok(p) => Some(p),
            Err(why) => Some(here(Some(format!("set at the resource: {why}")))),
        },
        Expr::Other => Some(here(Some(
            "set at the resource: the value is computed by an expression, which is replaced by the literal".into(),
        ))),
    }
}

fn is_hcl(path: &str) -> bool {
    kind(path).is_hcl()
}

/// How a file is read, by its name ([`crate::source::classify`]).
fn kind(path: &str) -> crate::source::FileKind {
    crate::source::classify(Path::new(path), &[])
}

fn tf_like(lit: &Lit, original: &str) -> String {
    match lit {
        Lit::Str(_) => lit.hcl(),
        _ => lit.like(original, false),
    }
}

enum Expr {
    Literal,
    Var(String),
    Other,
}

fn classify(e: &Expression) -> Expr {
    match e {
        Expression::Bool(_) | Expression::Number(_) | Expression::String(_) | Expression::Null(_) => Expr::Literal,
        Expression::Traversal(t) => match (&t.expr, t.operators.as_slice()) {
            (Expression::Variable(v), [op]) if v.as_str() == "var" => match op.value() {
                TraversalOperator::GetAttr(id) => Expr::Var(id.as_str().to_string()),
                _ => Expr::Other,
            },
            _ => Expr::Other,
        },
        _ => Expr::Other,
    }
}

/// The attribute starting at `start`, at any depth.
fn find_attr(body: &Body, start: usize) -> Option<&Attribute> {
    for s in body.iter() {
        match s {
            Structure::Attribute(a) => {
                if a.span().is_some_and(|r| r.start == start) {
                    return Some(a);
                }
            }
            Structure::Block(b) => {
                if b.span().is_some_and(|r| r.contains(&start))
                    && let Some(a) = find_attr(&b.body, start)
                {
                    return Some(a);
                }
            }
        }
    }
    None
}

fn dir_of(path: &str) -> &Path {
    Path::new(path).parent().unwrap_or(Path::new(""))
}

/// The Terraform files of a module directory.
fn module_files<'a>(
    out: &'a ScanOutput,
    dir: &'a Path,
) -> impl Iterator<Item = (FileId, &'a crate::source::SourceFile)> + 'a {
    out.files
        .iter()
        .enumerate()
        .filter(move |(_, f)| kind(&f.path).is_terraform() && dir_of(&f.path) == dir)
        .map(|(i, f)| (FileId(i as u32), f))
}

/// Checks that `var.name` is read once in `dir` and that the variable has no validation
/// (a new value might not pass it).
fn single_use(out: &ScanOutput, cache: &mut Cache, dir: &Path, name: &str) -> Result<(), String> {
    let files: Vec<(FileId, bool)> = module_files(out, dir)
        .map(|(i, f)| (i, kind(&f.path) == crate::source::FileKind::Terraform))
        .collect();
    let mut refs = 0;
    for (id, hcl) in files {
        // HCL: the references themselves (not comments); JSON syntax: the text.
        match hcl.then(|| cache.hcl(out, id)).flatten() {
            Some(body) => {
                let mut v = Refs { name, n: 0 };
                hcl_edit::visit::visit_body(&mut v, &body);
                refs += v.n;
            }
            None => refs += count_word(&out.file(id).text, &format!("var.{name}")),
        }
    }
    if refs != 1 {
        return Err(format!(
            "variable \"{name}\" is read {refs} times in its module, so its value also feeds other attributes"
        ));
    }
    let ids: Vec<FileId> = module_files(out, dir)
        .filter(|(_, f)| kind(&f.path) == crate::source::FileKind::Terraform)
        .map(|(i, _)| i)
        .collect();
    for id in ids {
        if let Some(body) = cache.hcl(out, id) {
            for b in body.blocks() {
                if b.ident.as_str() == "variable"
                    && b.labels.first().is_some_and(|l| l.as_str() == name)
                    && b.body.has_blocks("validation")
                {
                    return Err(format!(
                        "variable \"{name}\" has a validation block the new value might not pass"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Counts `var.<name>` references.
struct Refs<'a> {
    name: &'a str,
    n: usize,
}

impl hcl_edit::visit::Visit for Refs<'_> {
    fn visit_traversal(&mut self, t: &hcl_edit::expr::Traversal) {
        if let (Expression::Variable(v), Some(op)) = (&t.expr, t.operators.first())
            && v.as_str() == "var"
            && matches!(op.value(), TraversalOperator::GetAttr(id) if id.as_str() == self.name)
        {
            self.n += 1;
        }
        hcl_edit::visit::visit_traversal(self, t);
    }
}

/// Follows the provenance of a value read from `var.name` at the resource to the place it
/// was set, checking that every hop feeds only this attribute.
fn chain(out: &ScanOutput, cache: &mut Cache, f: &Finding, name: &str, lit: &Lit) -> Result<Planned, String> {
    let mut var = name.to_string();
    let mut dir = dir_of(&out.file(f.span.file).path).to_path_buf();
    single_use(out, cache, &dir, &var)?;
    for step in f.related.iter().rev() {
        let sfile = step.span.file;
        let path = out.file(sfile).path.clone();
        let text = out.file(sfile).text.clone();
        let msg = step.message.as_str();
        if step.kind == StepKind::ModuleArgument {
            let body = cache.hcl(out, sfile).ok_or("the calling module does not parse")?;
            let a = find_attr(&body, step.span.start as usize).ok_or("the module argument was not found")?;
            let vs = a.value.span().ok_or("the module argument has no location")?;
            match classify(&a.value) {
                Expr::Literal => {
                    return Ok(Planned {
                        description: format!("set module argument `{} = {}`", a.key.as_str(), lit.hcl()),
                        note: None,
                        edits: vec![edit(sfile, vs.start, vs.end, tf_like(lit, &text[vs.clone()]))],
                    });
                }
                Expr::Var(w) => {
                    var = w;
                    dir = dir_of(&path).to_path_buf();
                    single_use(out, cache, &dir, &var)?;
                }
                Expr::Other => return Err(format!("the module argument \"{}\" is an expression", a.key.as_str())),
            }
        } else if matches!(step.kind, StepKind::Declaration | StepKind::ModuleCall) {
            // Declarations and the module calls that lead to the resource are context.
            continue;
        } else if step.kind == StepKind::VariableDefault {
            let s = &text[step.span.start as usize..step.span.end as usize];
            let e = hcl_edit::parser::parse_expr(s).map_err(|_| "the default does not parse")?;
            if !matches!(classify(&e), Expr::Literal) {
                return Err(format!("the default of variable \"{var}\" is an expression"));
            }
            return Ok(Planned {
                description: format!("set the default of variable \"{var}\" to {}", lit.hcl()),
                note: None,
                edits: vec![edit(
                    sfile,
                    step.span.start as usize,
                    step.span.end as usize,
                    tf_like(lit, s),
                )],
            });
        } else if step.kind == StepKind::VarsValue && kind(&path).is_vars() {
            if dir_of(&path) != dir {
                return Err(format!(
                    "the value comes from {path}, outside the module that declares variable \"{var}\" (it may feed other modules too)"
                ));
            }
            let file_name = Path::new(&path)
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if kind(&path).is_json() {
                let node = cache.doc(out, sfile).ok_or("the variables file does not parse")?;
                let e = node
                    .entries()
                    .iter()
                    .find(|e| e.key == var && e.key_span.start == step.span.start)
                    .ok_or("the variables file entry was not found")?;
                if !matches!(
                    e.value.kind,
                    crate::doc::Kind::Bool(_) | crate::doc::Kind::Number(_) | crate::doc::Kind::Str(_)
                ) {
                    return Err(format!("{file_name} sets \"{var}\" to a structured value"));
                }
                let (s, t) = (e.value.span.start as usize, e.value.span.end as usize);
                return Ok(Planned {
                    description: format!("set `\"{var}\": {}` in {file_name}", lit.json()),
                    note: None,
                    edits: vec![edit(sfile, s, t, lit.like(&text[s..t], true))],
                });
            }
            let body = cache.hcl(out, sfile).ok_or("the variables file does not parse")?;
            let a = find_attr(&body, step.span.start as usize).ok_or("the variables file line was not found")?;
            if !matches!(classify(&a.value), Expr::Literal) {
                return Err(format!("{file_name} sets \"{var}\" with an expression"));
            }
            let vs = a.value.span().ok_or("the tfvars value has no location")?;
            return Ok(Planned {
                description: format!("set `{var} = {}` in {file_name}", lit.hcl()),
                note: None,
                edits: vec![edit(sfile, vs.start, vs.end, tf_like(lit, &text[vs.clone()]))],
            });
        } else {
            return Err(format!(
                "the value passes through {}",
                msg.trim_start_matches("value set here ")
            ));
        }
    }
    Err(format!("variable \"{var}\" has no value written in the scanned files"))
}

/// The resource block whose header starts at `start`.
fn resource_block(body: &Body, start: usize) -> Option<&Block> {
    body.blocks()
        .find(|b| b.ident.as_str() == "resource" && b.ident.span().is_some_and(|r| r.start == start))
}

fn plan_missing(out: &ScanOutput, cache: &mut Cache, f: &Finding, res: &Resource, r: &Remedy) -> Option<Planned> {
    let file = f.span.file;
    let body = cache.hcl(out, file)?;
    let text: &str = &out.file(file).text;
    let block = resource_block(&body, res.header.start as usize)?;
    let ins = r.tf_insert.first()?;
    if f.rule_id == "S3-05" && !uses_inline_configuration(block) {
        return new_versioning_resource(out, file, text, block);
    }
    let edits = insert(text, file, block, ins)?;
    Some(Planned {
        description: format!("add {}", describe(ins)),
        note: None,
        edits,
    })
}

fn describe(ins: &Ins) -> String {
    match ins {
        Ins::Attr(k, v) => format!("`{k} = {}`", v.hcl()),
        Ins::Block(k, c) | Ins::List(k, c) => {
            let inner: Vec<String> = c.iter().map(describe).collect();
            format!("`{k} {{ {} }}`", inner.join(", ").replace('`', ""))
        }
    }
}

/// Provider v3 buckets configure versioning, logging and encryption inline; such a bucket
/// gets an inline `versioning` block, any other a separate `aws_s3_bucket_versioning`.
fn uses_inline_configuration(block: &Block) -> bool {
    [
        "versioning",
        "logging",
        "server_side_encryption_configuration",
        "lifecycle_rule",
        "replication_configuration",
        "object_lock_configuration",
        "website",
        "cors_rule",
        "grant",
    ]
    .iter()
    .any(|k| block.body.has_blocks(k))
}

fn new_versioning_resource(out: &ScanOutput, file: FileId, text: &str, block: &Block) -> Option<Planned> {
    let name = block.labels.get(1)?.as_str().to_string();
    if block.body.has_attribute("count") || block.body.has_attribute("for_each") {
        return None;
    }
    let dir = dir_of(&out.file(file).path);
    let taken = format!("\"aws_s3_bucket_versioning\" \"{name}\"");
    if module_files(out, dir).any(|(_, f)| f.text.contains(&taken)) {
        return None;
    }
    let end = block.span()?.end;
    let nl = newline(text);
    let unit = indent_unit(text, block);
    let outer = indent_of(text, block.span()?.start);
    let i1 = format!("{outer}{unit}");
    let i2 = format!("{outer}{unit}{unit}");
    let add = format!(
        "{nl}{nl}{outer}resource \"aws_s3_bucket_versioning\" \"{name}\" {{{nl}{i1}bucket = aws_s3_bucket.{name}.id{nl}{nl}{i1}versioning_configuration {{{nl}{i2}status = \"Enabled\"{nl}{i1}}}{nl}{outer}}}"
    );
    Some(Planned {
        description: format!("add resource `aws_s3_bucket_versioning.{name}` with status \"Enabled\""),
        note: None,
        edits: vec![edit(file, end, end, add)],
    })
}

/// The indentation step of a block: its first member's indentation minus the block's.
fn indent_unit(text: &str, block: &Block) -> String {
    let outer = indent_of(text, block.span().map(|r| r.start).unwrap_or(0));
    let inner = block
        .body
        .iter()
        .next()
        .and_then(|s| s.span())
        .map(|r| indent_of(text, r.start));
    match inner {
        Some(i) if i.len() > outer.len() && i.starts_with(&outer) => i[outer.len()..].to_string(),
        _ => "  ".to_string(),
    }
}

/// One-attribute line geometry: key range and the offset of its `=`.
struct Line {
    key_start: usize,
    key_end: usize,
    eq: usize,
}

/// Inserts `ins` in `block` (reusing a nested block of the same name).
fn insert(text: &str, file: FileId, block: &Block, ins: &Ins) -> Option<Vec<Edit>> {
    let body = &block.body;
    let key = ins.key();
    let dynamic = body
        .get_blocks("dynamic")
        .any(|b| b.labels.first().is_some_and(|l| l.as_str() == key));
    if body.has_attribute(key) || dynamic {
        return None;
    }
    let bspan = block.span()?;
    let open = bspan.start + text[bspan.start..].find('{')?;
    let close = bspan.end.checked_sub(1)?;
    if open >= close || text.as_bytes().get(close) != Some(&b'}') || !text[open..close].contains('\n') {
        return None;
    }
    let nl = newline(text);
    let unit = indent_unit(text, block);
    let indent = match body.iter().next().and_then(|s| s.span()) {
        Some(r) => indent_of(text, r.start),
        None => format!("{}{unit}", indent_of(text, bspan.start)),
    };
    match ins {
        Ins::Attr(k, lit) => {
            let attrs: Vec<&Attribute> = body.attributes().collect();
            let Some(last) = attrs.last() else {
                let at = after_line(text, open);
                return Some(vec![edit(file, at, at, format!("{indent}{k} = {}{nl}", lit.hcl()))]);
            };
            let lspan = last.span()?;
            let at = after_line(text, lspan.end);
            // The alignment group: the attribute lines directly above the insertion point.
            let mut group: Vec<Line> = Vec::new();
            let structs: Vec<&Structure> = body.iter().collect();
            let li = structs.iter().position(|s| s.span() == Some(lspan.clone()))?;
            let mut next_line_start = at;
            for s in structs[..=li].iter().rev() {
                let Structure::Attribute(a) = s else { break };
                let (Some(sp), Some(ks)) = (a.span(), a.key.span()) else {
                    break;
                };
                if text[sp.clone()].contains('\n') || after_line(text, sp.end) != next_line_start {
                    break;
                }
                let eq = ks.end + text[ks.end..].find('=')?;
                group.push(Line {
                    key_start: ks.start,
                    key_end: ks.end,
                    eq,
                });
                next_line_start = line_start(text, sp.start);
            }
            let mut edits = Vec::new();
            let max_key = group.iter().map(|l| l.key_end - l.key_start).max().unwrap_or(0);
            let aligned = !group.is_empty()
                && group
                    .iter()
                    .all(|l| l.eq - l.key_start == max_key + 1 && text[l.key_end..l.eq].bytes().all(|b| b == b' '));
            let pad = if aligned {
                let width = max_key.max(k.len());
                if k.len() > max_key {
                    for l in &group {
                        edits.push(edit(
                            file,
                            l.key_end,
                            l.eq,
                            " ".repeat(width - (l.key_end - l.key_start) + 1),
                        ));
                    }
                }
                " ".repeat(width - k.len() + 1)
            } else {
                " ".to_string()
            };
            let prefix = if at == text.len() && !text.ends_with('\n') {
                nl
            } else {
                ""
            };
            edits.push(edit(
                file,
                at,
                at,
                format!("{prefix}{indent}{k}{pad}= {}{nl}", lit.hcl()),
            ));
            Some(edits)
        }
        Ins::Block(k, children) => {
            let existing: Vec<&Block> = body.get_blocks(k).collect();
            match existing.as_slice() {
                [one] => {
                    let mut edits = Vec::new();
                    for c in children {
                        if let Ins::Attr(ck, _) = c
                            && one.body.has_attribute(ck)
                        {
                            continue;
                        }
                        edits.extend(insert(text, file, one, c)?);
                    }
                    Some(edits)
                }
                [] => {
                    let rendered = render_block(k, children, &indent, &unit, nl);
                    let (at, lead) = match body.iter().last().and_then(|s| s.span()) {
                        Some(r) => (after_line(text, r.end), nl),
                        None => (after_line(text, open), ""),
                    };
                    Some(vec![edit(file, at, at, format!("{lead}{rendered}"))])
                }
                _ => None,
            }
        }
        Ins::List(..) => None,
    }
}

/// A new nested block, its attributes aligned.
fn render_block(key: &str, children: &[Ins], indent: &str, unit: &str, nl: &str) -> String {
    let inner = format!("{indent}{unit}");
    let width = children
        .iter()
        .filter_map(|c| match c {
            Ins::Attr(k, _) => Some(k.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let mut s = format!("{indent}{key} {{{nl}");
    for c in children {
        match c {
            Ins::Attr(k, v) => {
                s.push_str(&format!(
                    "{inner}{k}{}= {}{nl}",
                    " ".repeat(width - k.len() + 1),
                    v.hcl()
                ));
            }
            Ins::Block(k, cs) | Ins::List(k, cs) => s.push_str(&render_block(k, cs, &inner, unit, nl)),
        }
    }
    s.push_str(&format!("{indent}}}{nl}"));
    s
}
