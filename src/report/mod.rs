//! Reporters. All take the same plain [`Report`]: what a scan found, with no model and no
//! pipeline types (issue 10 item 7). The scan builds it (`ScanOutput::report`); every
//! public entry point accepts anything that gives a [`Report`] ([`AsReport`]).

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
use crate::frontend::Diagnostic;
use crate::policy::Severity;
use crate::source::{FileId, Position, SourceFile, Span};
use crate::suppress::Suppressed;

/// The project's one canonical address (Cargo.toml `repository`); every link derives from it.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where the rule pages (`docs/rules/<ID>.md`) are published.
pub const RULE_DOCS_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules/");

/// What the reporters read: the sorted output of one scan, as plain data.
#[derive(Clone, Debug)]
pub struct Report<'a> {
    /// Every discovered file (path and text, for positions and snippets), indexed by [`FileId`].
    pub files: &'a [SourceFile],
    /// Number of files that held Terraform or CloudFormation.
    pub iac_files: usize,
    pub resources: usize,
    pub findings: &'a [Finding],
    pub errors: &'a [Diagnostic],
    pub notes: &'a [Diagnostic],
    /// Findings hidden by a suppression, sorted like `findings`.
    pub suppressed: &'a [Suppressed],
    /// Findings hidden because the baseline records them.
    pub baselined: usize,
    /// The findings `--baseline` hid (SARIF writes them as suppressed with `--include-suppressed`).
    pub baselined_findings: &'a [Finding],
    /// Baseline entries no current finding matches any more.
    pub fixed: usize,
    /// The rules whose findings are reported (after `--rule`/`--skip`).
    pub selected: &'a [&'static str],
    /// Checks whose decision depends on a value that cannot be known statically.
    pub unknown: usize,
    /// The (rule, resource) pairs the selected rules evaluated, in rule order (JUnit).
    pub checked: Vec<Checked<'a>>,
    /// The Guard rules of the policies loaded (`--policy`), for SARIF `rules[]`.
    pub guard_rules: Vec<GuardRule<'a>>,
    /// The log flows of the scan, for the Markdown diagram.
    pub flows: Flows<'a>,
}

/// One (rule, resource) pair a rule evaluated.
#[derive(Clone, Debug)]
pub struct Checked<'a> {
    pub rule_id: &'static str,
    pub address: &'a str,
    /// The resource's header (its first line).
    pub header: Span,
}

/// A Guard rule of a loaded policy.
#[derive(Clone, Debug)]
pub struct GuardRule<'a> {
    /// `GUARD:<rule name>`.
    pub id: &'static str,
    pub name: &'a str,
    /// The rule's source text (SARIF help).
    pub text: &'a str,
    /// The policy file it is written in, as shown.
    pub file: &'a str,
    pub severity: Severity,
}

/// The log-flow graph (sources -> stores -> keys -> monitors): the resources on an edge
/// and the edges, both sorted.
#[derive(Clone, Debug, Default)]
pub struct Flows<'a> {
    pub nodes: Vec<FlowNode<'a>>,
    /// (from, to, label), by node `key`.
    pub edges: Vec<(usize, usize, &'static str)>,
}

/// A resource on the log-flow graph.
#[derive(Clone, Debug)]
pub struct FlowNode<'a> {
    /// A number unique to the resource within the scan (its Mermaid node is `n<key>`).
    pub key: usize,
    pub address: &'a str,
    pub resource_type: &'a str,
    pub file: FileId,
}

impl Report<'_> {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
}

/// Anything a [`Report`] can be had from: a [`Report`] itself, or the scan's output.
pub trait AsReport {
    /// Calls `f` with the report.
    fn with_report<R>(&self, f: impl FnOnce(&Report<'_>) -> R) -> R;
}

impl AsReport for Report<'_> {
    fn with_report<R>(&self, f: impl FnOnce(&Report<'_>) -> R) -> R {
        f(self)
    }
}

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
pub fn fingerprint(out: &impl AsReport, f: &Finding) -> String {
    out.with_report(|out| fingerprint_at(f, &out.file(f.span.file).path))
}

/// [`fingerprint`] with the file shown as `path` (e.g. relative to a baseline file).
pub fn fingerprint_at(f: &Finding, path: &str) -> String {
    let mut h = Sha256::new();
    for part in [f.rule_id, path, f.resource.as_deref().unwrap_or(""), &f.attribute] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Start and end positions of a span, end exclusive as a 1-based column after the last character.
pub fn range(out: &impl AsReport, span: Span) -> (Position, Position) {
    out.with_report(|out| {
        let file = out.file(span.file);
        (file.position(span.start), file.position(span.end))
    })
}

/// Line and column of a diagnostic; (1, 1) when it concerns the whole file.
pub fn json_pos(out: &Report, d: &Diagnostic) -> (u32, u32) {
    match d.offset {
        Some(o) => {
            let p = out.file(d.file).position(o);
            (p.line, p.column)
        }
        None => (1, 1),
    }
}

/// The closing summary line shared by the console formats.
pub fn summary(out: &impl AsReport) -> String {
    human::summary(out)
}
