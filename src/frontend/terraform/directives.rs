//! Suppression directives of a `.tf` file, read from the comments hcl-edit keeps as decor
//! (the whitespace and comments around each node) while the parsed body is walked: no
//! second lexing of the file text (issue 10 item 7, issue 18 item 5).
//!
//! A `#`/`//` comment after code applies to its own line; one alone on its line (or a run
//! of such lines) applies to the first line below that is not a comment; a `/* */` comment
//! alone on its lines likewise, else to the line it starts on. A comment anywhere inside a
//! `resource` block (or right above its header) also applies to every finding of that
//! resource.

use std::collections::BTreeMap;
use std::ops::Range;

use hcl_edit::expr::{Array, BinaryOperator, Expression, ForCond, ForIntro, FuncArgs, Object, ObjectKey, Traversal};
use hcl_edit::structure::{Attribute, Block, BlockLabel, Body, Structure};
use hcl_edit::visit::{self, Visit};
use hcl_edit::{Decor, Decorate, Decorated, Ident, RawString, Span as _};

use crate::directive::{Directive, Placement, may_hold_directive, parse_comment};
use crate::source::FileId;

/// The directives written in the comments of `body`, parsed from `text`, in file order
/// (line comments first, then block comments, as suppression reports the first match).
pub fn collect(file: FileId, text: &str, body: &Body) -> Vec<Directive> {
    // Every directive holds `:ignore` or `:skip=`: files without one (most) cost one
    // substring search.
    if !may_hold(text) {
        return Vec::new();
    }
    let mut walk = Decors {
        text,
        ranges: Vec::new(),
    };
    walk.visit_body(body);
    // Comments by start offset: (end, is a block comment).
    let mut comments: BTreeMap<usize, (usize, bool)> = BTreeMap::new();
    for r in walk.ranges {
        let trivia = &text[r.clone()];
        for (s, e, block) in lex_comments(trivia) {
            comments.insert(r.start + s, (r.start + e, block));
        }
    }
    // The `resource` blocks, in file order: header offset and the byte range of the lines
    // they span (whose start is the header line's).
    let blocks: Vec<(u32, usize, usize)> = body
        .iter()
        .filter_map(Structure::as_block)
        .filter(|b| b.ident.as_str() == "resource")
        .filter_map(|b| {
            let span = b.span()?;
            let header = super::header_span(file, b).start;
            Some((
                header,
                line_start(text, header as usize),
                line_end(text, span.end.saturating_sub(1)),
            ))
        })
        .collect();
    let mut line_comments = Vec::new();
    let mut block_comments = Vec::new();
    for (start, (end, is_block)) in comments {
        let body_text = if is_block {
            text[start..end].trim_end_matches("*/")
        } else {
            &text[start..end]
        };
        if !may_hold_directive(body_text) {
            continue;
        }
        let starts_line = text[line_start(text, start)..start].trim().is_empty();
        let alone = starts_line && (!is_block || text[end..line_end(text, end)].trim().is_empty());
        let target = if alone {
            // The first line below that is not a comment line.
            let mut at = line_end(text, end.saturating_sub(1).max(start)) + 1;
            while at < text.len() && comment_only(&text[at..line_end(text, at)]) {
                at = line_end(text, at) + 1;
            }
            if at >= text.len() {
                (text.len(), text.len())
            } else {
                (at, line_end(text, at))
            }
        } else {
            (line_start(text, start), line_end(text, start))
        };
        // The block the comment sits in, else the one whose header is on its target line.
        let within = |at: usize| {
            let i = blocks.partition_point(|b| b.1 <= at).checked_sub(1)?;
            let (header, lo, hi) = blocks[i];
            (lo <= at && at <= hi).then_some((header, lo))
        };
        let block = within(start)
            .or_else(|| within(target.0).filter(|&(_, lo)| lo == target.0))
            .map(|b| b.0);
        let placement = Placement::Comment {
            line: (target.0 as u32, target.1 as u32),
            block,
        };
        let found = parse_comment(file, body_text, start, &placement);
        if is_block {
            block_comments.extend(found);
        } else {
            line_comments.extend(found);
        }
    }
    line_comments.extend(block_comments);
    line_comments
}

/// Whether a stretch of decor may hold a directive: every directive holds `:ignore` or
/// `:skip=`.
fn may_hold(trivia: &str) -> bool {
    trivia.contains(":ignore") || trivia.contains(":skip=")
}

/// Start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

/// End of the line holding byte `at` (the offset of its newline, or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// A line holding only a `#` or `//` comment.
fn comment_only(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("//")
}

/// The comments in a stretch of decor (whitespace and comments only, by the grammar):
/// (start, end, is a block comment), offsets into `trivia`.
fn lex_comments(trivia: &str) -> Vec<(usize, usize, bool)> {
    let bytes = trivia.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                let end = trivia[i..].find('\n').map_or(bytes.len(), |e| i + e);
                out.push((i, end, false));
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = trivia[i..].find('\n').map_or(bytes.len(), |e| i + e);
                out.push((i, end, false));
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = trivia[i + 2..].find("*/").map_or(bytes.len(), |e| i + 2 + e + 2);
                out.push((i, end, true));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Collects the byte ranges of every decor of a body that may hold a directive: around
/// structures, attribute keys, block identifiers and labels, expressions, object keys,
/// argument lists, and the trailing space of arrays, objects and argument lists.
///
/// hcl-edit's parser gives each decor its own text, not its position; a decor is adjacent
/// to the node it decorates (the prefix ends where the node's span starts, the suffix
/// starts where it ends, trailing space ends at the closing bracket), and each range is
/// checked against the file text before it is used.
struct Decors<'t> {
    text: &'t str,
    ranges: Vec<Range<usize>>,
}

impl Decors<'_> {
    /// The first of `starts` where `raw` is the text.
    fn push_at(&mut self, starts: [Option<usize>; 2], raw: &str) {
        if let Some(start) = starts
            .into_iter()
            .flatten()
            .find(|&s| self.text.get(s..s + raw.len()) == Some(raw))
        {
            self.ranges.push(start..start + raw.len());
        }
    }

    /// The prefix and suffix of a node spanning `span`. A prefix ends where the span starts
    /// (or, for a block body, starts the span); a suffix starts where the span ends (or,
    /// for a block body, whose span holds it, ends the span).
    fn around(&mut self, span: Option<Range<usize>>, d: &Decor) {
        let Some(span) = span else { return };
        if let Some(p) = d.prefix().map(|p| &**p)
            && may_hold(p)
        {
            self.push_at([span.start.checked_sub(p.len()), Some(span.start)], p);
        }
        if let Some(s) = d.suffix().map(|s| &**s)
            && may_hold(s)
        {
            self.push_at([Some(span.end), span.end.checked_sub(s.len())], s);
        }
    }

    /// The space before the closing bracket of a node spanning `span`.
    fn trailing(&mut self, span: Option<Range<usize>>, raw: &RawString) {
        let raw: &str = raw;
        if let Some(span) = span
            && may_hold(raw)
        {
            self.push_at([span.end.checked_sub(1 + raw.len()), None], raw);
        }
    }
}

impl Visit for Decors<'_> {
    fn visit_body(&mut self, node: &Body) {
        self.around(node.span(), node.decor());
        visit::visit_body(self, node);
    }
    fn visit_structure(&mut self, node: &Structure) {
        self.around(node.span(), node.decor());
        visit::visit_structure(self, node);
    }
    fn visit_attr(&mut self, node: &Attribute) {
        self.around(node.span(), node.decor());
        visit::visit_attr(self, node);
    }
    fn visit_block(&mut self, node: &Block) {
        self.around(node.span(), node.decor());
        visit::visit_block(self, node);
    }
    fn visit_block_label(&mut self, node: &BlockLabel) {
        self.around(node.span(), node.decor());
        visit::visit_block_label(self, node);
    }
    fn visit_ident(&mut self, node: &Decorated<Ident>) {
        self.around(node.span(), node.decor());
    }
    fn visit_expr(&mut self, node: &Expression) {
        self.around(node.span(), node.decor());
        visit::visit_expr(self, node);
    }
    fn visit_array(&mut self, node: &Array) {
        self.trailing(node.span(), node.trailing());
        visit::visit_array(self, node);
    }
    fn visit_object(&mut self, node: &Object) {
        self.trailing(node.span(), node.trailing());
        visit::visit_object(self, node);
    }
    fn visit_object_key(&mut self, node: &ObjectKey) {
        self.around(node.span(), node.decor());
        visit::visit_object_key(self, node);
    }
    fn visit_func_args(&mut self, node: &FuncArgs) {
        self.around(node.span(), node.decor());
        self.trailing(node.span(), node.trailing());
        visit::visit_func_args(self, node);
    }
    fn visit_for_intro(&mut self, node: &ForIntro) {
        self.around(node.span(), node.decor());
        visit::visit_for_intro(self, node);
    }
    fn visit_for_cond(&mut self, node: &ForCond) {
        self.around(node.span(), node.decor());
        visit::visit_for_cond(self, node);
    }
    fn visit_binary_operator(&mut self, node: &Decorated<BinaryOperator>) {
        self.around(node.span(), node.decor());
    }
    fn visit_traversal(&mut self, node: &Traversal) {
        for op in &node.operators {
            self.around(op.span(), op.decor());
        }
        visit::visit_traversal(self, node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directive::Tool;

    fn directives(src: &str) -> Vec<(Tool, String, String, Option<String>)> {
        let body = hcl_edit::parser::parse_body(src).unwrap();
        collect(FileId(0), src, &body)
            .into_iter()
            .map(|d| {
                let Placement::Comment { line, block } = d.placement else {
                    unreachable!()
                };
                let header = block.map(|b| src[b as usize..].lines().next().unwrap().to_string());
                (d.tool, d.id, src[line.0 as usize..line.1 as usize].to_string(), header)
            })
            .collect()
    }

    #[test]
    fn comments_anywhere_in_the_body_are_found_and_placed() {
        let src = "# blindspot:ignore CT-01 above\n# plain\nresource \"aws_cloudtrail\" \"a\" {\n  # checkov:skip=CKV_AWS_67:inside\n  name = \"a#b\" # tfsec:ignore:x\n  tags = {\n    k = \"v\" /* blindspot:ignore CT-02 in an object */\n  }\n  list = [\n    # trivy:ignore:AVD-AWS-0014\n    1,\n  ]\n}\n\n/* blindspot:ignore CT-03 before\n   a module */\nmodule \"m\" {\n  source = \"./m\" // blindspot:ignore CT-04 trailing\n}\nresource \"aws_s3_bucket\" \"b\" {\n  # checkov:skip=CKV_AWS_18:empty body\n}\nlocals {\n  s = \"# blindspot:ignore CT-05 not a comment\"\n  h = <<EOT\n# blindspot:ignore CT-06 heredoc text, not a comment\nEOT\n  x = 1 /* blindspot:ignore CT-07 starts mid-line\n  and ends here */\n}\n";
        let header = Some("resource \"aws_cloudtrail\" \"a\" {".to_string());
        assert_eq!(
            directives(src),
            vec![
                (Tool::Blindspot, "CT-01".into(), header.clone().unwrap(), header.clone()),
                (
                    Tool::Checkov,
                    "CKV_AWS_67".into(),
                    "  name = \"a#b\" # tfsec:ignore:x".into(),
                    header.clone()
                ),
                (
                    Tool::Tfsec,
                    "x".into(),
                    "  name = \"a#b\" # tfsec:ignore:x".into(),
                    header.clone()
                ),
                (Tool::Trivy, "AVD-AWS-0014".into(), "    1,".into(), header.clone()),
                (
                    Tool::Blindspot,
                    "CT-04".into(),
                    "  source = \"./m\" // blindspot:ignore CT-04 trailing".into(),
                    None
                ),
                (
                    Tool::Checkov,
                    "CKV_AWS_18".into(),
                    "}".into(),
                    Some("resource \"aws_s3_bucket\" \"b\" {".into())
                ),
                (
                    Tool::Blindspot,
                    "CT-02".into(),
                    "    k = \"v\" /* blindspot:ignore CT-02 in an object */".into(),
                    header.clone()
                ),
                (Tool::Blindspot, "CT-03".into(), "module \"m\" {".into(), None),
                // The text scan before issue 10 item 7 took the heredoc line for a comment
                // and skipped a block comment that spans lines without starting its line.
                (
                    Tool::Blindspot,
                    "CT-07".into(),
                    "  x = 1 /* blindspot:ignore CT-07 starts mid-line".into(),
                    None
                ),
            ]
        );
    }
}
