//! Suppression directives as written: blindspot's own (`# blindspot:ignore CT-01 reason`,
//! CloudFormation `Metadata.blindspot.ignore`) and peer tools' (Checkov, tfsec, Trivy,
//! cfn_nag). A leaf module (it depends on [`crate::source`] only): the front ends collect
//! directives next to what they parse (the Terraform front end from the comments hcl-edit
//! keeps as decor, the CloudFormation front end from `Metadata`), and
//! [`crate::suppress::apply`] judges them against the findings.

use crate::source::{FileId, Span};

/// Which tool's syntax a suppression was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tool {
    Blindspot,
    Checkov,
    Tfsec,
    Trivy,
    CfnNag,
}

impl Tool {
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Blindspot => "blindspot",
            Tool::Checkov => "checkov",
            Tool::Tfsec => "tfsec",
            Tool::Trivy => "trivy",
            Tool::CfnNag => "cfn_nag",
        }
    }
}

/// What a directive applies to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// A comment (Terraform). It applies to the findings located on its target line, to
    /// the findings of the resource whose header is on that line, and, when it sits inside
    /// a `resource` block, to every finding of that resource.
    Comment {
        /// Byte range of the target line, newline excluded: the comment's own line, or for
        /// a comment alone on its line(s), the first line below that is not a comment. An
        /// empty range (a comment at the end of the file) targets nothing.
        line: (u32, u32),
        /// Byte offset of the header (`resource "type" "name"`) of the `resource` block the
        /// comment sits in or right above; `None` elsewhere.
        block: Option<u32>,
    },
    /// A CloudFormation `Metadata` entry of the resource with this logical id (applies to
    /// the whole resource).
    Metadata { address: String },
}

/// One suppressed id as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Directive {
    pub tool: Tool,
    /// The id as written (`CT-01`, `CKV_AWS_67`, `AVD-AWS-0014`, ...).
    pub id: String,
    pub reason: Option<String>,
    /// `YYYY-MM-DD` (tfsec/Trivy `:exp:`); the suppression ends after that day.
    pub expires: Option<String>,
    /// Where it is written.
    pub span: Span,
    pub placement: Placement,
}

impl Directive {
    /// The `suppression.kind` of the JSON report.
    pub fn kind(&self) -> &'static str {
        match (self.tool, &self.placement) {
            (Tool::Blindspot, Placement::Comment { .. }) => "inline",
            (Tool::Blindspot, Placement::Metadata { .. }) => "metadata",
            (t, _) => t.as_str(),
        }
    }

    /// Whether a blindspot ignore gives no reason (SUP-01: it suppresses nothing).
    pub fn lacks_reason(&self) -> bool {
        self.tool == Tool::Blindspot && self.reason.is_none()
    }
}

/// The prefix of Guard rule ids (`GUARD:<rule name>`, issue 15), which hold a colon.
pub const GUARD_PREFIX: &str = crate::rule_ids::PREFIX;

/// Whether a comment's text may hold a directive (a cheap filter before [`parse_comment`]).
pub fn may_hold_directive(text: &str) -> bool {
    text.contains("blindspot:ignore")
        || text.contains("checkov:skip=")
        || text.contains("tfsec:ignore:")
        || text.contains("trivy:ignore:")
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'
}

/// The directives in one comment's text (without its `*/` for a block comment). `base` is
/// the byte offset of `comment` in `file`; every directive gets `placement`.
pub fn parse_comment(file: FileId, comment: &str, base: usize, placement: &Placement) -> Vec<Directive> {
    let mut out = Vec::new();
    let span = Span::new(file, base, base + comment.trim_end().len());
    let mk = |tool, id: &str, reason: Option<String>, expires: Option<String>| Directive {
        tool,
        id: id.to_string(),
        reason,
        expires,
        span,
        placement: placement.clone(),
    };
    // Ours: `blindspot:ignore CT-01, CT-02 reason text` (the reason is the rest of the comment).
    if let Some(i) = comment.find("blindspot:ignore") {
        let mut rest = &comment[i + "blindspot:ignore".len()..];
        let mut ids = Vec::new();
        loop {
            let trimmed = rest.trim_start();
            // Guard rule ids (`GUARD:<rule name>`, issue 15) hold a colon.
            let skip = if trimmed
                .get(..GUARD_PREFIX.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(GUARD_PREFIX))
            {
                GUARD_PREFIX.len()
            } else {
                0
            };
            let end = trimmed[skip..]
                .find(|c: char| !is_id_char(c))
                .map_or(trimmed.len(), |e| e + skip);
            if end == skip {
                rest = trimmed;
                break;
            }
            ids.push(&trimmed[..end]);
            let after = trimmed[end..].trim_start();
            match after.strip_prefix(',') {
                Some(more) => rest = more,
                None => {
                    rest = after;
                    break;
                }
            }
        }
        let reason = rest.trim().trim_start_matches([':', '-']).trim();
        let reason = (!reason.is_empty()).then(|| reason.to_string());
        if ids.is_empty() {
            out.push(mk(Tool::Blindspot, "", reason.clone(), None));
        }
        for id in ids {
            out.push(mk(Tool::Blindspot, id, reason.clone(), None));
        }
    }
    // Checkov: `checkov:skip=CKV_AWS_67:reason`.
    let mut from = 0;
    while let Some(i) = comment[from..].find("checkov:skip=") {
        let start = from + i + "checkov:skip=".len();
        let rest = &comment[start..];
        let end = rest.find(|c: char| !is_id_char(c)).unwrap_or(rest.len());
        let id = &rest[..end];
        let reason = rest[end..]
            .strip_prefix(':')
            .map(|r| r.split("checkov:skip=").next().unwrap_or("").trim().to_string())
            .filter(|r| !r.is_empty());
        if !id.is_empty() {
            out.push(mk(Tool::Checkov, id, reason, None));
        }
        from = start;
    }
    // tfsec / Trivy: `tfsec:ignore:<id>[:exp:YYYY-MM-DD]`, several per comment.
    for (marker, tool) in [("tfsec:ignore:", Tool::Tfsec), ("trivy:ignore:", Tool::Trivy)] {
        let mut from = 0;
        while let Some(i) = comment[from..].find(marker) {
            let start = from + i + marker.len();
            let rest = &comment[start..];
            let end = rest.find(|c: char| !is_id_char(c)).unwrap_or(rest.len());
            let id = &rest[..end];
            let expires = rest[end..].strip_prefix(":exp:").map(|r| {
                r.chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '-')
                    .collect::<String>()
            });
            if !id.is_empty() {
                out.push(mk(tool, id, None, expires));
            }
            from = start;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(c: &str) -> Vec<(Tool, String, Option<String>, Option<String>)> {
        let at = Placement::Comment {
            line: (0, 0),
            block: None,
        };
        parse_comment(FileId(0), c, 0, &at)
            .into_iter()
            .map(|d| (d.tool, d.id, d.reason, d.expires))
            .collect()
    }

    #[test]
    fn parses_every_comment_syntax() {
        assert_eq!(
            parse("# blindspot:ignore CT-01, CT-02 single-region by design"),
            vec![
                (
                    Tool::Blindspot,
                    "CT-01".into(),
                    Some("single-region by design".into()),
                    None
                ),
                (
                    Tool::Blindspot,
                    "CT-02".into(),
                    Some("single-region by design".into()),
                    None
                ),
            ]
        );
        assert_eq!(
            parse("// blindspot:ignore CT-01"),
            vec![(Tool::Blindspot, "CT-01".into(), None, None)]
        );
        assert_eq!(
            parse("# blindspot:ignore GUARD:my_rule, CT-01 reason"),
            vec![
                (Tool::Blindspot, "GUARD:my_rule".into(), Some("reason".into()), None),
                (Tool::Blindspot, "CT-01".into(), Some("reason".into()), None),
            ]
        );
        assert_eq!(
            parse("#checkov:skip=CKV_AWS_67:Org trail covers it"),
            vec![(
                Tool::Checkov,
                "CKV_AWS_67".into(),
                Some("Org trail covers it".into()),
                None
            )]
        );
        assert_eq!(
            parse("#tfsec:ignore:aws-cloudtrail-enable-all-regions:exp:2025-01-31 #trivy:ignore:AVD-AWS-0016"),
            vec![
                (
                    Tool::Tfsec,
                    "aws-cloudtrail-enable-all-regions".into(),
                    None,
                    Some("2025-01-31".into())
                ),
                (Tool::Trivy, "AVD-AWS-0016".into(), None, None),
            ]
        );
    }
}
