//! Invariants every fuzz target asserts: no panic (libFuzzer reports it), every span
//! and offset inside the input, and the same result on a second run (determinism).

use blindspot::doc::{Kind, Node};
use blindspot::frontend::{Diagnostic, EVal, Unit, V};
use blindspot::source::{FileId, Span};

/// The input as text; blindspot reports non-UTF-8 files as errors before any parsing.
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

pub fn span_inside(len: usize, s: &Span) {
    assert!(
        s.start <= s.end && s.end as usize <= len,
        "span {s:?} outside a {len}-byte input"
    );
}

pub fn offset_inside(len: usize, d: &Diagnostic) {
    if let Some(o) = d.offset {
        assert!(o as usize <= len, "diagnostic {d:?} outside a {len}-byte input");
    }
}

pub fn node_inside(len: usize, n: &Node) {
    let mut stack = vec![n];
    while let Some(n) = stack.pop() {
        assert!(
            n.span.start <= n.span.end && n.span.end as usize <= len,
            "node span {:?}",
            n.span
        );
        match &n.kind {
            Kind::Seq(items) => stack.extend(items),
            Kind::Map(entries) => {
                for e in entries {
                    assert!(e.key_span.end as usize <= len, "key span {:?}", e.key_span);
                    stack.push(&e.value);
                }
            }
            _ => {}
        }
    }
}

pub fn eval_inside(len: usize, v: &EVal) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        if let Some(s) = &v.span {
            span_inside(len, s);
        }
        for p in &v.prov {
            span_inside(len, &p.span);
        }
        match &v.v {
            V::List(items) => stack.extend(items),
            V::Map(props) => {
                for p in props {
                    span_inside(len, &p.span);
                    stack.push(&p.val);
                }
            }
            V::OneOf { alts, .. } => stack.extend(alts.iter().flatten()),
            _ => {}
        }
    }
}

/// Every span of a unit evaluated from one in-memory file (file 0) lies inside it.
pub fn unit_inside(len: usize, u: &Unit) {
    for r in &u.resources {
        assert_eq!(r.header.file, FileId(0));
        span_inside(len, &r.header);
        for p in &r.props {
            span_inside(len, &p.span);
            eval_inside(len, &p.val);
        }
    }
    for n in &u.notes {
        offset_inside(len, n);
    }
}

/// A stable text of a unit, to compare two runs.
pub fn fingerprint(u: &Unit) -> String {
    format!("{:?}|{:?}", u.resources, u.notes)
}
