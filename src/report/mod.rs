//! Reporters. All take the same sorted [`ScanOutput`].

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use sha2::{Digest, Sha256};

use crate::finding::Finding;
use crate::scan::ScanOutput;
use crate::source::Position;

/// A finding's stable identity: rule, file, resource and deciding attribute, not lines.
pub fn fingerprint(out: &ScanOutput, f: &Finding) -> String {
    let mut h = Sha256::new();
    for part in [
        f.rule_id,
        &out.file(f.span.file).path,
        f.resource.as_deref().unwrap_or(""),
        &f.attribute,
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Start and end positions of a span, end exclusive as a 1-based column after the last character.
pub fn range(out: &ScanOutput, span: crate::source::Span) -> (Position, Position) {
    let file = out.file(span.file);
    (file.position(span.start), file.position(span.end))
}

/// Line and column of a diagnostic; (1, 1) when it concerns the whole file.
pub fn json_pos(out: &ScanOutput, d: &crate::frontend::Diagnostic) -> (u32, u32) {
    match d.offset {
        Some(o) => {
            let p = out.file(d.file).position(o);
            (p.line, p.column)
        }
        None => (1, 1),
    }
}
