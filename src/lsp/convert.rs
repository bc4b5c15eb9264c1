//! From a scan to what a language client shows: positions in the negotiated encoding,
//! diagnostics with related information, code actions (the finding's fix, and "suppress
//! with a reason"). Pure functions over a [`ScanOutput`], unit-tested here.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, Position, PositionEncodingKind, Range, TextEdit, Url, WorkspaceEdit,
};

use crate::doc::{self, Kind, Node};
use crate::finding::Finding;
use crate::policy::Severity;
use crate::scan::ScanOutput;
use crate::source::{FileId, SourceFile, Span};

/// The reason a "suppress" action writes; the user replaces it.
pub const PLACEHOLDER_REASON: &str = "TODO explain why this is acceptable";

/// How LSP positions count characters within a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// UTF-8 when the client offers it (blindspot's own offsets are bytes), else UTF-32,
    /// else UTF-16 (the protocol's default, which every client supports).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or(&[]);
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// The LSP position of byte `offset` of `file` (clamped to the text and stepped back to a
/// character boundary).
pub fn position(file: &SourceFile, offset: usize, enc: Encoding) -> Position {
    let text = &*file.text;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = file.lines.line_of(offset);
    let start = file.lines.line_start(line as u32 + 1).unwrap_or(0).min(offset);
    let before = &text[start..offset];
    let character = match enc {
        Encoding::Utf8 => before.len(),
        Encoding::Utf16 => before.encode_utf16().count(),
        Encoding::Utf32 => before.chars().count(),
    };
    Position::new(line as u32, character as u32)
}

pub fn range(file: &SourceFile, start: usize, end: usize, enc: Encoding) -> Range {
    Range::new(position(file, start, enc), position(file, end, enc))
}

/// Does `a` overlap or touch `b`?
pub fn touches(a: &Range, b: &Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

/// What the client is told about one file after a scan.
#[derive(Clone, Debug, Default)]
pub struct FileResults {
    pub items: Vec<Item>,
}

/// One diagnostic, the rule behind it (for hovers) and its code actions.
#[derive(Clone, Debug)]
pub struct Item {
    pub diagnostic: Diagnostic,
    pub rule: Option<&'static str>,
    pub actions: Vec<CodeAction>,
}

/// Absolute path of a scanned file (the scan shows paths relative to the current directory).
pub fn absolute(file: &SourceFile, cwd: &Path) -> PathBuf {
    let p = Path::new(&file.path);
    if p.is_absolute() { p.to_path_buf() } else { cwd.join(p) }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Critical | Severity::High => DiagnosticSeverity::ERROR,
        Severity::Medium => DiagnosticSeverity::WARNING,
        Severity::Low => DiagnosticSeverity::INFORMATION,
    }
}

struct Ctx<'a> {
    out: &'a ScanOutput,
    enc: Encoding,
    uris: Vec<Option<Url>>,
}

impl Ctx<'_> {
    fn file(&self, id: FileId) -> &SourceFile {
        self.out.file(id)
    }
    fn uri(&self, id: FileId) -> Option<&Url> {
        self.uris.get(id.0 as usize)?.as_ref()
    }
    fn range(&self, span: Span) -> Range {
        range(self.file(span.file), span.start as usize, span.end as usize, self.enc)
    }
}

/// Every file's diagnostics and actions, by URI (only files with something to show).
pub fn results(out: &ScanOutput, enc: Encoding, cwd: &Path) -> BTreeMap<Url, FileResults> {
    let cx = Ctx {
        out,
        enc,
        uris: out
            .files
            .iter()
            .map(|f| Url::from_file_path(absolute(f, cwd)).ok())
            .collect(),
    };
    let mut by_uri: BTreeMap<Url, FileResults> = BTreeMap::new();
    for f in &out.findings {
        let Some(uri) = cx.uri(f.span.file) else { continue };
        let diagnostic = diagnostic(&cx, f);
        let mut actions = Vec::new();
        if let Some(a) = fix_action(&cx, f, &diagnostic) {
            actions.push(a);
        }
        if let Some((target, edit)) = suppress_edit(out, f, enc)
            && let Some(target) = cx.uri(target)
        {
            actions.push(CodeAction {
                title: format!("Suppress {} here (with a reason to fill in)", f.rule_id),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(target.clone(), vec![edit])])),
                    ..Default::default()
                }),
                ..Default::default()
            });
        }
        by_uri.entry(uri.clone()).or_default().items.push(Item {
            diagnostic,
            rule: Some(f.rule_id),
            actions,
        });
    }
    for (list, sev) in [
        (&out.errors, DiagnosticSeverity::ERROR),
        (&out.notes, DiagnosticSeverity::INFORMATION),
    ] {
        for d in list {
            let Some(uri) = cx.uri(d.file) else { continue };
            let at = d.offset.unwrap_or(0) as usize;
            by_uri.entry(uri.clone()).or_default().items.push(Item {
                diagnostic: Diagnostic {
                    range: range(cx.file(d.file), at, at, enc),
                    severity: Some(sev),
                    source: Some("blindspot".into()),
                    message: d.message.clone(),
                    ..Default::default()
                },
                rule: None,
                actions: Vec::new(),
            });
        }
    }
    by_uri
}

fn diagnostic(cx: &Ctx, f: &Finding) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|step| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(cx.uri(step.span.file)?.clone(), cx.range(step.span)),
                message: step.message.clone(),
            })
        })
        .collect();
    let message = match &f.resource {
        Some(r) if !f.message.contains(r.as_str()) => format!("{} ({r})", f.message),
        _ => f.message.clone(),
    };
    Diagnostic {
        range: cx.range(f.span),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule_id.to_string())),
        code_description: Url::parse(&format!("{}{}.md", crate::report::RULE_DOCS_BASE, f.rule_id))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("blindspot".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// The finding's mechanical fix (set by `crate::fix::attach`) as a workspace edit.
fn fix_action(cx: &Ctx, f: &Finding, diagnostic: &Diagnostic) -> Option<CodeAction> {
    let fix = f.fix.as_ref()?;
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for e in &fix.edits {
        let uri = cx.uri(e.span.file)?;
        changes
            .entry(uri.clone())
            .or_default()
            .push(TextEdit::new(cx.range(e.span), e.replacement.clone()));
    }
    if changes.is_empty() {
        return None;
    }
    let title = match &fix.note {
        Some(note) => format!("Fix {}: {} ({note})", f.rule_id, fix.description),
        None => format!("Fix {}: {}", f.rule_id, fix.description),
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }),
        is_preferred: Some(true),
        ..Default::default()
    })
}

/// The edit that suppresses `f` with a placeholder reason, and the file it goes in:
/// a `# blindspot:ignore` comment above the finding's line in a `.tf` file, a
/// `Metadata.blindspot.ignore` entry in a CloudFormation resource (YAML or JSON). `None`
/// where blindspot reads no suppression (Terraform JSON and tfvars have no comments it
/// honours) or where the place cannot be edited safely (flow-style YAML).
pub fn suppress_edit(out: &ScanOutput, f: &Finding, enc: Encoding) -> Option<(FileId, TextEdit)> {
    let file = out.file(f.span.file);
    let eol = if file.text.contains("\r\n") { "\r\n" } else { "\n" };
    if file.kind() == crate::source::FileKind::Terraform {
        let offset = f.span.start as usize;
        let line = file.lines.line_of(offset);
        let start = file.lines.line_start(line as u32 + 1)?;
        let indent: String = file.text[start..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let text = format!("{indent}# blindspot:ignore {} {PLACEHOLDER_REASON}{eol}", f.rule_id);
        let at = position(file, start, enc);
        return Some((f.span.file, TextEdit::new(Range::new(at, at), text)));
    }
    if f.iac != Some("cloudformation") {
        return None;
    }
    // The resource's header is its logical id key in this file.
    let address = f.resource.as_deref()?;
    let res = out
        .model
        .resources
        .iter()
        .find(|r| r.address == address && r.header.file == f.span.file)?;
    let json = file.kind().is_json();
    let root = if json {
        doc::json::parse(&file.text).ok()?
    } else {
        doc::yaml::parse(&file.text).ok()?
    };
    let resource = match &root.get("Resources")?.kind {
        Kind::Map(entries) => entries.iter().find(|e| e.key_span.start == res.header.start)?,
        _ => return None,
    };
    let (offset, text) = metadata_insertion(&file.text, &resource.value, f.rule_id, json, eol)?;
    let at = position(file, offset, enc);
    Some((f.span.file, TextEdit::new(Range::new(at, at), text)))
}

/// Where and what to insert into a CloudFormation resource node so that its
/// `Metadata.blindspot.ignore` list holds `rule` with the placeholder reason: the
/// innermost of `Metadata`, `blindspot`, `ignore` that exists gets the missing rest,
/// before its first child, in that child's indentation.
fn metadata_insertion(text: &str, resource: &Node, rule: &str, json: bool, eol: &str) -> Option<(usize, String)> {
    // Missing levels below the innermost existing container, outermost first.
    let mut node = resource;
    let mut missing: &[&str] = &["Metadata", "blindspot", "ignore"];
    while let Some((first, rest)) = missing.split_first() {
        match node.get(first) {
            Some(child) => {
                node = child;
                missing = rest;
            }
            None => break,
        }
    }
    let entry_json = format!(r#"{{"id": "{rule}", "reason": "{PLACEHOLDER_REASON}"}}"#);
    // The first child of `node`, where the insertion goes.
    let first_start = match &node.kind {
        Kind::Map(entries) if !missing.is_empty() => entries.first()?.key_span.start as usize,
        Kind::Seq(items) if missing.is_empty() => items.first()?.span.start as usize,
        _ => return None,
    };
    let line_start = text[..first_start].rfind('\n').map_or(0, |i| i + 1);
    let lead = &text[line_start..first_start];
    if json {
        let mut value = entry_json;
        for key in missing.iter().rev() {
            value = if *key == "ignore" {
                format!(r#""ignore": [{value}]"#)
            } else {
                format!(r#""{key}": {{{value}}}"#)
            };
        }
        return if lead.trim().is_empty() {
            Some((line_start, format!("{lead}{value},{eol}")))
        } else {
            Some((first_start, format!("{value}, ")))
        };
    }
    // YAML: block style only.
    let indent = lead.len() - lead.trim_start().len();
    let pad = |n: usize| " ".repeat(n);
    if missing.is_empty() {
        // A sequence: the first item's line starts with `-`.
        let dash = lead.trim_start();
        if !dash.starts_with('-') || lead[..indent].contains('\t') {
            return None;
        }
        return Some((
            line_start,
            format!(
                "{}- id: {rule}{eol}{}  reason: {PLACEHOLDER_REASON}{eol}",
                pad(indent),
                pad(indent)
            ),
        ));
    }
    if !lead.trim().is_empty() || lead.contains('\t') {
        return None;
    }
    let mut out = String::new();
    let mut level = indent;
    for key in missing {
        out += &format!("{}{key}:{eol}", pad(level));
        level += 2;
    }
    out += &format!(
        "{}- id: {rule}{eol}{}  reason: {PLACEHOLDER_REASON}{eol}",
        pad(level),
        pad(level)
    );
    Some((line_start, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Edit, Fix};
    use std::sync::Arc;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("main.tf".into(), Arc::from(text))
    }

    #[test]
    fn positions_in_each_encoding() {
        // `é` is 2 bytes, 1 UTF-16 unit; `😀` is 4 bytes, 2 UTF-16 units, 1 code point.
        let f = file("a\né😀x = 1\n");
        let x = f.text.find('x').unwrap();
        assert_eq!(position(&f, x, Encoding::Utf8), Position::new(1, 6));
        assert_eq!(position(&f, x, Encoding::Utf16), Position::new(1, 3));
        assert_eq!(position(&f, x, Encoding::Utf32), Position::new(1, 2));
        // Inside a character: the character's start.
        assert_eq!(position(&f, 3, Encoding::Utf16), Position::new(1, 0));
        assert_eq!(position(&f, 999, Encoding::Utf8), Position::new(2, 0));
    }

    #[test]
    fn negotiation_prefers_utf8_then_utf32_and_defaults_to_utf16() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16, K::UTF8])), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16, K::UTF32])), Encoding::Utf32);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16])), Encoding::Utf16);
    }

    fn scan_text(name: &str, text: &str) -> (tempfile::TempDir, ScanOutput) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let out = crate::scan::scan(&crate::scan::Options {
            paths: vec![p],
            ..Default::default()
        })
        .unwrap();
        (dir, out)
    }

    fn apply(text: &str, f: &SourceFile, e: &TextEdit) -> String {
        // Test helper: UTF-16 positions of ASCII text are byte columns.
        let at = |p: Position| f.lines.line_start(p.line + 1).unwrap_or(text.len()) + p.character as usize;
        format!(
            "{}{}{}",
            &text[..at(e.range.start)],
            e.new_text,
            &text[at(e.range.end)..]
        )
    }

    const CFN_YAML: &str = "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: b\n      IsMultiRegionTrail: false\n";

    #[test]
    fn suppress_in_cloudformation_yaml_adds_metadata_and_then_suppresses() {
        let (_d, out) = scan_text("t.yaml", CFN_YAML);
        let f = out.findings.iter().find(|f| f.rule_id == "CT-01").expect("CT-01");
        let (id, edit) = suppress_edit(&out, f, Encoding::Utf16).unwrap();
        let fixed = apply(CFN_YAML, out.file(id), &edit);
        assert_eq!(
            fixed,
            format!(
                "Resources:\n  Trail:\n    Metadata:\n      blindspot:\n        ignore:\n          - id: CT-01\n            reason: {PLACEHOLDER_REASON}\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: b\n      IsMultiRegionTrail: false\n"
            )
        );
        let (_d, again) = scan_text("t.yaml", &fixed);
        assert!(again.findings.iter().all(|f| f.rule_id != "CT-01"));
        assert!(again.suppressed.iter().any(|s| s.finding.rule_id == "CT-01"));
        // A second suppression is added to the existing list.
        let g = again.findings.first().expect("another finding");
        let (id, edit) = suppress_edit(&again, g, Encoding::Utf16).unwrap();
        let twice = apply(&fixed, again.file(id), &edit);
        assert!(
            twice.contains(&format!(
                "          - id: {}\n            reason: {PLACEHOLDER_REASON}\n          - id: CT-01",
                g.rule_id
            )),
            "{twice}"
        );
        let (_d, third) = scan_text("t.yaml", &twice);
        assert!(
            third
                .findings
                .iter()
                .all(|f| f.rule_id != g.rule_id && f.rule_id != "CT-01")
        );
    }

    #[test]
    fn suppress_in_cloudformation_json_adds_metadata_and_then_suppresses() {
        let text = "{\n  \"Resources\": {\n    \"Trail\": {\n      \"Type\": \"AWS::CloudTrail::Trail\",\n      \"Properties\": {\"IsLogging\": true, \"S3BucketName\": \"b\", \"IsMultiRegionTrail\": false}\n    }\n  }\n}\n";
        let (_d, out) = scan_text("t.json", text);
        let f = out.findings.iter().find(|f| f.rule_id == "CT-01").expect("CT-01");
        let (id, edit) = suppress_edit(&out, f, Encoding::Utf16).unwrap();
        let fixed = apply(text, out.file(id), &edit);
        assert!(fixed.contains(&format!(
            "    \"Trail\": {{\n      \"Metadata\": {{\"blindspot\": {{\"ignore\": [{{\"id\": \"CT-01\", \"reason\": \"{PLACEHOLDER_REASON}\"}}]}}}},\n      \"Type\""
        )), "{fixed}");
        let (_d, again) = scan_text("t.json", &fixed);
        assert!(again.errors.is_empty(), "{:?}", again.errors);
        assert!(again.suppressed.iter().any(|s| s.finding.rule_id == "CT-01"));
        assert!(again.findings.iter().all(|f| f.rule_id != "CT-01"));
    }

    #[test]
    fn a_findings_fix_becomes_a_workspace_edit_in_the_negotiated_encoding() {
        let text = "resource \"aws_cloudtrail\" \"t\" {\n  name = \"é\"\n  s3_bucket_name = \"b\"\n  is_multi_region_trail = false\n}\n";
        let (_d, mut out) = scan_text("main.tf", text);
        let i = out.findings.iter().position(|f| f.rule_id == "CT-01").expect("CT-01");
        let span = out.findings[i].span;
        assert_eq!(
            &text[span.start as usize..span.end as usize],
            "is_multi_region_trail = false"
        );
        let value = Span::new(span.file, span.end as usize - 5, span.end as usize);
        out.findings[i].fix = Some(Fix {
            description: "set `is_multi_region_trail = true`".into(),
            note: None,
            edits: vec![Edit {
                span: value,
                replacement: "true".into(),
            }],
        });
        let r = results(&out, Encoding::Utf16, &std::env::current_dir().unwrap());
        let (_, file) = r.iter().next().unwrap();
        let item = file.items.iter().find(|it| it.rule == Some("CT-01")).unwrap();
        assert_eq!(
            item.diagnostic.range,
            Range::new(Position::new(3, 2), Position::new(3, 31))
        );
        let fix = &item.actions[0];
        assert_eq!(fix.title, "Fix CT-01: set `is_multi_region_trail = true`");
        assert_eq!(fix.is_preferred, Some(true));
        let changes = fix.edit.as_ref().unwrap().changes.as_ref().unwrap();
        let edits: Vec<&TextEdit> = changes.values().flatten().collect();
        let value = Range::new(Position::new(3, 26), Position::new(3, 31));
        assert_eq!(edits, [&TextEdit::new(value, "true".into())]);
        let suppress = &item.actions[1];
        assert!(suppress.title.starts_with("Suppress CT-01"));
    }
}
