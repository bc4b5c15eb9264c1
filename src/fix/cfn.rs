//! CloudFormation fixes: span-based text edits located through the span-carrying document
//! tree (`crate::doc`), in the template's own style: block or flow YAML, multi-line or
//! inline JSON, the indentation of the map the property joins.

use super::{Cache, Ins, Lit, Planned, Remedy, after_line, edit, is_json, line_start, newline};
use crate::doc::{Entry, Kind, Node};
use crate::finding::{Edit, Finding};
use crate::model::Resource;
use crate::scan::ScanOutput;
use crate::source::FileId;

pub(super) fn plan(out: &ScanOutput, cache: &mut Cache, f: &Finding, res: &Resource, r: &Remedy) -> Option<Planned> {
    let file = f.span.file;
    if res.header.file != file {
        return None;
    }
    let text: &str = &out.file(file).text;
    let json = is_json(out.file(file));
    let root = cache.doc(out, file)?;
    let resource = root
        .get("Resources")?
        .entries()
        .iter()
        .find(|e| e.key_span.start == res.header.start)?;
    if !resource.value.is_map() {
        return None;
    }
    if f.span == res.header {
        let ins = r.cfn_insert.first()?;
        let step = step_of(text, resource);
        let edits = match resource.value.entry("Properties") {
            Some(p) => insert(text, file, &p.value, ins, json, &step)?,
            None => insert(
                text,
                file,
                &resource.value,
                &Ins::Block("Properties", vec![ins.clone()]),
                json,
                &step,
            )?,
        };
        return Some(Planned {
            description: format!("add {}", describe(ins)),
            note: None,
            edits,
        });
    }
    let entry = find_entry(&resource.value, f.span.start)?;
    let key = entry.key.as_str();
    let lit = r.values.iter().find(|(k, _)| *k == key)?.1.clone();
    let (s, t, lead) = value_range(text, entry, json);
    let here = |note: Option<String>| Planned {
        description: format!("set `{key}: {}`", lit.yaml()),
        note,
        edits: vec![edit(
            file,
            s,
            t,
            format!("{lead}{}", if json { lit.json() } else { lit.yaml() }),
        )],
    };
    let v = &entry.value;
    if v.tag.is_none() && matches!(v.kind, Kind::Bool(_) | Kind::Number(_) | Kind::Str(_)) {
        let orig = &text[v.span.start as usize..v.span.end as usize];
        return Some(Planned {
            description: format!("set `{key}: {}`", lit.yaml()),
            note: None,
            edits: vec![edit(
                file,
                v.span.start as usize,
                v.span.end as usize,
                lit.like(orig, json),
            )],
        });
    }
    match reference(v) {
        Some(p) => match parameter_default(out, &root, file, f, p, &lit, json) {
            Ok(planned) => Some(planned),
            Err(why) => Some(here(Some(format!("set at the resource: {why}")))),
        },
        None => Some(here(Some(
            "set at the resource: the value is computed by an intrinsic function, which is replaced by the literal"
                .into(),
        ))),
    }
}

/// `!Ref P` / `{"Ref": "P"}`: the parameter name.
fn reference(v: &Node) -> Option<&str> {
    if v.tag.as_deref() == Some("Ref") {
        return v.as_str();
    }
    match v.entries() {
        [e] if e.key == "Ref" && v.tag.is_none() => e.value.as_str(),
        _ => None,
    }
}

/// References to parameter `p` below `node`: `Ref`s, and `${p}` in strings (`Fn::Sub`).
fn references(node: &Node, p: &str) -> usize {
    if reference(node) == Some(p) {
        return 1;
    }
    match &node.kind {
        Kind::Str(s) => s.matches(&format!("${{{p}}}")).count(),
        Kind::Map(entries) => entries.iter().map(|e| references(&e.value, p)).sum(),
        Kind::Seq(items) => items.iter().map(|i| references(i, p)).sum(),
        _ => 0,
    }
}

/// The edit at a parameter's default, when the parameter feeds only this property.
fn parameter_default(
    out: &ScanOutput,
    root: &Node,
    file: FileId,
    f: &Finding,
    p: &str,
    lit: &Lit,
    json: bool,
) -> Result<Planned, String> {
    let head = match f.related.as_slice() {
        [h] if h.message.starts_with("value set here (default of parameter") && h.span.file == file => h,
        [] => return Err(format!("parameter {p} has no default")),
        [h, ..] => {
            return Err(format!(
                "the value is set elsewhere ({})",
                h.message.trim_start_matches("value set here ")
            ));
        }
    };
    let text: &str = &out.file(file).text;
    let uses: usize = root
        .entries()
        .iter()
        .filter(|e| e.key != "Parameters" && e.key != "Metadata")
        .map(|e| references(&e.value, p))
        .sum();
    if uses != 1 {
        return Err(format!(
            "parameter {p} is referenced {uses} times in the template, so it may feed other properties"
        ));
    }
    let decl = root
        .get("Parameters")
        .and_then(|ps| ps.get(p))
        .ok_or("the parameter is not declared")?;
    if let Some(allowed) = decl.get("AllowedValues") {
        let ok = allowed.items().iter().any(|a| {
            a.as_str()
                .map(str::to_string)
                .or(a.as_bool().map(|b| b.to_string()))
                .as_deref()
                == Some(&lit.bare())
        });
        if !ok {
            return Err(format!(
                "{} is not among the AllowedValues of parameter {p}",
                lit.bare()
            ));
        }
    }
    let (s, t) = (head.span.start as usize, head.span.end as usize);
    Ok(Planned {
        description: format!("set the default of parameter {p} to {}", lit.bare()),
        note: None,
        edits: vec![edit(file, s, t, lit.like(&text[s..t], json))],
    })
}

/// The range to replace by a new scalar value (and the text to put before it): the value;
/// in YAML a block value (on the lines below its key) is replaced from the colon, so the
/// scalar lands on the key's line.
fn value_range(text: &str, e: &Entry, json: bool) -> (usize, usize, &'static str) {
    let (vs, ve) = (e.value.span.start as usize, e.value.span.end as usize);
    if json || line_start(text, vs) == line_start(text, e.key_span.start as usize) {
        return (vs, ve, "");
    }
    let ke = e.key_span.end as usize;
    if ke > vs {
        return (vs, ve, "");
    }
    match text[ke..vs].find(':') {
        Some(c) if !text[ke + c + 1..vs].contains('#') => (ke + c + 1, ve, " "),
        _ => (vs, ve, ""),
    }
}

/// The entry whose key starts at `start`, at any depth.
fn find_entry(node: &Node, start: u32) -> Option<&Entry> {
    match &node.kind {
        Kind::Map(entries) => entries.iter().find_map(|e| {
            if e.key_span.start == start {
                Some(e)
            } else {
                find_entry(&e.value, start)
            }
        }),
        Kind::Seq(items) => items.iter().find_map(|i| find_entry(i, start)),
        _ => None,
    }
}

/// The template's indentation step: a resource's properties column minus its logical ID's.
fn step_of(text: &str, resource: &Entry) -> String {
    let col = |o: u32| o as usize - line_start(text, o as usize);
    match resource.value.entries().first() {
        Some(e) if col(e.key_span.start) > col(resource.key_span.start) => {
            " ".repeat(col(e.key_span.start) - col(resource.key_span.start))
        }
        _ => "  ".into(),
    }
}

fn describe(ins: &Ins) -> String {
    match ins {
        Ins::Attr(k, v) => format!("`{k}: {}`", v.yaml()),
        Ins::Block(k, c) => {
            let inner: Vec<String> = c.iter().map(|i| describe(i).replace('`', "")).collect();
            format!("`{k}: {{{}}}`", inner.join(", "))
        }
        Ins::List(k, c) => {
            let inner: Vec<String> = c.iter().map(|i| describe(i).replace('`', "")).collect();
            format!("`{k}: [{{{}}}]`", inner.join(", "))
        }
    }
}

/// Inserts `ins` in `map` (reusing a nested map of the same name).
fn insert(text: &str, file: FileId, map: &Node, ins: &Ins, json: bool, step: &str) -> Option<Vec<Edit>> {
    if !map.is_map() || map.tag.is_some() {
        return None;
    }
    if let Some(e) = map.entry(ins.key()) {
        let Ins::Block(_, children) = ins else { return None };
        let mut edits = Vec::new();
        for c in children {
            if e.value.entry(c.key()).is_some() && matches!(c, Ins::Attr(..)) {
                continue;
            }
            edits.extend(insert(text, file, &e.value, c, json, step)?);
        }
        return Some(edits);
    }
    let (ms, me) = (map.span.start as usize, map.span.end as usize);
    let nl = newline(text);
    let flow = text[ms..].starts_with('{');
    let entries = map.entries();
    let Some(last) = entries.last() else {
        // `{}`: written inline.
        if !flow {
            return None;
        }
        let inner = inline(ins, json, " ");
        return Some(vec![edit(file, ms, me, format!("{{ {inner} }}"))]);
    };
    let end = last.value.span.end as usize;
    let multi_line = text[ms..me].contains('\n');
    if flow && !(json && multi_line) {
        let sp = if text[ms + 1..].starts_with(' ') { " " } else { "" };
        return Some(vec![edit(file, end, end, format!(", {}", inline(ins, json, sp)))]);
    }
    let first = entries.first()?;
    let indent = if json {
        super::indent_of(text, last.key_span.start as usize)
    } else {
        " ".repeat(first.key_span.start as usize - line_start(text, first.key_span.start as usize))
    };
    if json {
        return Some(vec![edit(
            file,
            end,
            end,
            format!(",{nl}{indent}{}", json_block(ins, &indent, step, nl)),
        )]);
    }
    let at = after_line(text, end);
    let lead = if at == text.len() && !text.ends_with('\n') {
        nl
    } else {
        ""
    };
    Some(vec![edit(
        file,
        at,
        at,
        format!("{lead}{}", yaml_block(ins, &indent, step, nl)),
    )])
}

fn inline(ins: &Ins, json: bool, sp: &str) -> String {
    let key = |k: &str| if json { format!("\"{k}\"") } else { k.to_string() };
    match ins {
        Ins::Attr(k, v) => format!("{}: {}", key(k), if json { v.json() } else { v.yaml() }),
        Ins::Block(k, c) => {
            let inner: Vec<String> = c.iter().map(|i| inline(i, json, sp)).collect();
            format!("{}: {{{sp}{}{sp}}}", key(k), inner.join(", "))
        }
        Ins::List(k, c) => {
            let inner: Vec<String> = c.iter().map(|i| inline(i, json, sp)).collect();
            format!("{}: [{{{sp}{}{sp}}}]", key(k), inner.join(", "))
        }
    }
}

fn yaml_block(ins: &Ins, indent: &str, step: &str, nl: &str) -> String {
    match ins {
        Ins::Attr(k, v) => format!("{indent}{k}: {}{nl}", v.yaml()),
        Ins::Block(k, c) => {
            let inner = format!("{indent}{step}");
            let mut s = format!("{indent}{k}:{nl}");
            for i in c {
                s.push_str(&yaml_block(i, &inner, step, nl));
            }
            s
        }
        Ins::List(k, c) => {
            let item = format!("{indent}{step}");
            let mut s = format!("{indent}{k}:{nl}");
            let rest = format!("{item}  ");
            for (n, i) in c.iter().enumerate() {
                let line = yaml_block(i, &rest, step, nl);
                if n == 0 {
                    s.push_str(&format!("{item}- {}", &line[rest.len()..]));
                } else {
                    s.push_str(&line);
                }
            }
            s
        }
    }
}

/// A JSON member, written on its own lines from `indent` (the first line's indentation
/// is the caller's).
fn json_block(ins: &Ins, indent: &str, step: &str, nl: &str) -> String {
    let inner = format!("{indent}{step}");
    let members = |c: &[Ins], at: &str| -> String {
        c.iter()
            .map(|i| format!("{at}{}", json_block(i, at, step, nl)))
            .collect::<Vec<_>>()
            .join(&format!(",{nl}"))
    };
    match ins {
        Ins::Attr(k, v) => format!("\"{k}\": {}", v.json()),
        Ins::Block(k, c) => format!("\"{k}\": {{{nl}{}{nl}{indent}}}", members(c, &inner)),
        Ins::List(k, c) => {
            let inner2 = format!("{inner}{step}");
            format!(
                "\"{k}\": [{nl}{inner}{{{nl}{}{nl}{inner}}}{nl}{indent}]",
                members(c, &inner2)
            )
        }
    }
}
