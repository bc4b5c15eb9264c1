//! Reporters. All take the same sorted [`ScanOutput`].

pub mod compact;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use sha2::{Digest, Sha256};

use crate::finding::Finding;
use crate::policy::Severity;
use crate::scan::ScanOutput;
use crate::source::Position;

/// The project's one canonical address (Cargo.toml `repository`); every link derives from it.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where the rule pages (`docs/rules/<ID>.md`) are published.
pub const RULE_DOCS_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules/");

/// What every reporter may need besides the scan itself.
#[derive(Clone, Debug)]
pub struct Options {
    /// Lowest severity that fails the run; `None`: nothing fails (`--fail-on none`).
    pub fail_on: Option<Severity>,
    /// SARIF: also write suppressed findings, with `suppressions` (for consumers that
    /// honour them; GitHub code scanning does not).
    pub include_suppressed: bool,
    /// When the scan started (seconds since the epoch), for reports that record it.
    pub started: Option<u64>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            fail_on: Some(Severity::Low),
            include_suppressed: false,
            started: None,
        }
    }
}

impl Options {
    /// Does this finding fail the run?
    pub fn fails(&self, f: &Finding) -> bool {
        self.fail_on.is_some_and(|s| f.is_at_least(s))
    }
}

/// A finding's stable identity: rule, file, resource and deciding attribute, not lines.
pub fn fingerprint(out: &ScanOutput, f: &Finding) -> String {
    fingerprint_at(out, f, &out.file(f.span.file).path)
}

/// [`fingerprint`] with the file shown as `path` (e.g. relative to a baseline file).
pub fn fingerprint_at(_out: &ScanOutput, f: &Finding, path: &str) -> String {
    let mut h = Sha256::new();
    for part in [f.rule_id, path, f.resource.as_deref().unwrap_or(""), &f.attribute] {
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

/// The closing summary line shared by the console formats.
pub fn summary(out: &ScanOutput) -> String {
    human::summary(out)
}
