//! Source files and positions. Everything inside blindspot works with byte offsets;
//! lines and columns are computed here, in one place, only when a report is rendered.

use std::sync::Arc;

/// Index of a file in [`crate::scan::Scan::files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end.max(start) as u32,
        }
    }
}

/// How blindspot reads a file, decided by [`classify`] from its name and first bytes
/// (issue 10 item 8: the one place that decides, for the scan, nested stack templates, the
/// language server, `fix`, `debug-eval` and the command line's file mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `*.tf`: Terraform configuration in HCL.
    Terraform,
    /// `*.tf.json`: Terraform configuration in JSON syntax.
    TerraformJson,
    /// `*.tfvars`: Terraform variable definitions in HCL.
    Vars,
    /// `*.tfvars.json`: Terraform variable definitions in JSON.
    VarsJson,
    /// A JSON document: any other `*.json`, or a `*.yaml`, `*.yml` or `*.template` whose
    /// text starts with `{` (after a BOM and white space). Its tree says whether it is a
    /// CloudFormation template, a Terraform plan or neither.
    Json,
    /// A YAML document: `*.yaml`, `*.yml` or `*.template` not starting with `{`.
    Yaml,
    /// A name blindspot does not read when it walks a directory.
    Other,
}

impl FileKind {
    /// A Terraform configuration file (`.tf`, `.tf.json`): part of its module directory.
    pub fn is_terraform(self) -> bool {
        matches!(self, FileKind::Terraform | FileKind::TerraformJson)
    }

    /// A Terraform variable definitions file (`.tfvars`, `.tfvars.json`).
    pub fn is_vars(self) -> bool {
        matches!(self, FileKind::Vars | FileKind::VarsJson)
    }

    /// A file of a Terraform module directory, configuration or variables.
    pub fn is_terraform_or_vars(self) -> bool {
        self.is_terraform() || self.is_vars()
    }

    /// A JSON or YAML document (a CloudFormation template, a plan, or other data).
    pub fn is_document(self) -> bool {
        matches!(self, FileKind::Json | FileKind::Yaml)
    }

    /// Written in JSON syntax (`.tf.json`, `.tfvars.json`, JSON documents).
    pub fn is_json(self) -> bool {
        matches!(self, FileKind::TerraformJson | FileKind::VarsJson | FileKind::Json)
    }

    /// Written in HCL (`.tf`, `.tfvars`): comments, `#` suppressions, HCL edits.
    pub fn is_hcl(self) -> bool {
        matches!(self, FileKind::Terraform | FileKind::Vars)
    }
}

/// The one file classifier: how a file is read, from its name and its first bytes
/// (`head`; pass `&[]` where only the name is known, e.g. while walking directories).
///
/// - Terraform names are matched as Terraform matches them, with case: `.tf`, `.tf.json`,
///   `.tfvars`, `.tfvars.json` (Terraform ignores `main.TF`, so does blindspot).
/// - Document names ignore case: `.json` is JSON; `.yaml`, `.yml` and `.template` are YAML
///   unless the text starts with `{` (after a UTF-8 BOM and white space), then JSON, as
///   CloudFormation itself reads a template body whatever its name.
/// - Anything else is [`FileKind::Other`]; see [`classify_document`] for files read as a
///   document whatever their name (nested stack templates).
pub fn classify(path: &std::path::Path, head: &[u8]) -> FileKind {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.ends_with(".tf") {
        return FileKind::Terraform;
    }
    if name.ends_with(".tf.json") {
        return FileKind::TerraformJson;
    }
    if name.ends_with(".tfvars") {
        return FileKind::Vars;
    }
    if name.ends_with(".tfvars.json") {
        return FileKind::VarsJson;
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        return FileKind::Json;
    }
    if [".yaml", ".yml", ".template"].iter().any(|e| lower.ends_with(e)) {
        return if json_body(head) {
            FileKind::Json
        } else {
            FileKind::Yaml
        };
    }
    FileKind::Other
}

/// [`classify`] for a file read as a JSON or YAML document whatever its name (a nested
/// stack's `TemplateURL`, a file named on the command line): a name blindspot does not
/// know is JSON when the text starts with `{`, else YAML.
pub fn classify_document(path: &std::path::Path, head: &[u8]) -> FileKind {
    match classify(path, head) {
        FileKind::Other if json_body(head) => FileKind::Json,
        FileKind::Other => FileKind::Yaml,
        kind => kind,
    }
}

/// Does the text start with `{`, after a UTF-8 byte order mark and white space?
fn json_body(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to users: relative to the current directory when below it, `/`-separated.
    pub path: String,
    pub text: Arc<str>,
    /// The file's line index, built on first use (most files never show a position).
    pub lines: LazyLineIndex,
}

impl SourceFile {
    pub fn new(path: String, text: Arc<str>) -> SourceFile {
        let lines = LazyLineIndex::new(text.clone());
        SourceFile { path, text, lines }
    }
    pub fn position(&self, offset: u32) -> Position {
        self.lines.position(&self.text, offset as usize)
    }

    /// How the file is read ([`classify_document`] of its path and text).
    pub fn kind(&self) -> FileKind {
        classify_document(std::path::Path::new(&self.path), self.text.as_bytes())
    }
}

/// A [`LineIndex`] built once, on first use, from the text it holds (issue 18 item 5): a
/// scan reads every file, but only the files with a finding, a suppression or an error
/// ever need a position. Dereferences to the index.
#[derive(Debug)]
pub struct LazyLineIndex {
    text: Arc<str>,
    index: std::sync::OnceLock<LineIndex>,
}

impl LazyLineIndex {
    pub fn new(text: Arc<str>) -> LazyLineIndex {
        LazyLineIndex {
            text,
            index: std::sync::OnceLock::new(),
        }
    }

    /// Has the index been built yet?
    pub fn is_built(&self) -> bool {
        self.index.get().is_some()
    }
}

impl std::ops::Deref for LazyLineIndex {
    type Target = LineIndex;
    fn deref(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(&self.text))
    }
}

/// 1-based line, 1-based column counted in Unicode characters, and 1-based UTF-16 column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub utf16_column: u32,
}

/// Byte offsets of line starts; converts byte offsets to positions.
///
/// A lookup costs O(log n): the line is found by binary search, and the character and
/// UTF-16 counts up to any offset come from a table of running counts every
/// [`CHUNK`] bytes plus a scan of less than [`CHUNK`] bytes. A minified file whose
/// content sits on one huge line therefore costs no more per position than any other.
#[derive(Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Running (characters, UTF-16 units) before byte `k * CHUNK`; empty for ASCII text.
    counts: Vec<(u32, u32)>,
}

/// Bytes between two entries of [`LineIndex::counts`].
const CHUNK: usize = 256;

/// Characters and UTF-16 units that start in `bytes` (a character is counted at its
/// lead byte, so any byte offset may end the slice).
fn count_units(bytes: &[u8]) -> (u32, u32) {
    // Two counts the compiler vectorizes; a lead byte of four (>= 0xF0) is never a
    // continuation byte and is two UTF-16 units.
    let chars: u32 = bytes.iter().map(|&b| u32::from(b & 0xC0 != 0x80)).sum();
    let astral: u32 = bytes.iter().map(|&b| u32::from(b >= 0xF0)).sum();
    (chars, chars + astral)
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0u32];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        let mut counts = Vec::new();
        if !text.is_ascii() {
            let (mut chars, mut utf16) = (0u32, 0u32);
            counts.reserve(text.len() / CHUNK + 1);
            for chunk in text.as_bytes().chunks(CHUNK) {
                counts.push((chars, utf16));
                let (c, u) = count_units(chunk);
                chars += c;
                utf16 += u;
            }
        }
        LineIndex { starts, counts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.starts.get(line.checked_sub(1)? as usize).map(|&s| s as usize)
    }

    /// 0-based line of a byte offset (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// (characters, UTF-16 units) in `text[..offset]`.
    fn units_before(&self, text: &str, offset: usize) -> (u32, u32) {
        if self.counts.is_empty() {
            return (offset as u32, offset as u32);
        }
        let k = offset / CHUNK;
        let (chars, utf16) = self.counts.get(k).copied().unwrap_or_default();
        let (c, u) = count_units(&text.as_bytes()[k * CHUNK..offset]);
        (chars + c, utf16 + u)
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        // Never split a character: step back to a char boundary.
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        let (c0, u0) = self.units_before(text, start);
        let (c1, u1) = self.units_before(text, end);
        Position {
            line: line as u32 + 1,
            column: c1 - c0 + 1,
            utf16_column: u1 - u0 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_classifier_for_every_file_kind() {
        use std::path::Path;
        let k = |name: &str, head: &str| classify(Path::new(name), head.as_bytes());
        assert_eq!(k("a/main.tf", ""), FileKind::Terraform);
        assert_eq!(k("main.tf.json", "{"), FileKind::TerraformJson);
        assert_eq!(k("terraform.tfvars", ""), FileKind::Vars);
        assert_eq!(k("x.auto.tfvars.json", ""), FileKind::VarsJson);
        // Terraform's own names are matched with case, as Terraform does.
        assert_eq!(k("MAIN.TF", ""), FileKind::Other);
        assert_eq!(k("plan.json", ""), FileKind::Json);
        assert_eq!(k("T.JSON", "Resources: {}"), FileKind::Json);
        assert_eq!(k("t.yaml", "Resources: {}"), FileKind::Yaml);
        assert_eq!(k("t.template", "AWSTemplateFormatVersion: x"), FileKind::Yaml);
        // The body decides for YAML and .template names: `{` (after a BOM and white space) is JSON.
        assert_eq!(k("t.template", " \n{\"Resources\": {}}"), FileKind::Json);
        assert_eq!(k("t.yml", "\u{feff}{}"), FileKind::Json);
        assert_eq!(k("t.yaml", "{}"), FileKind::Json);
        assert_eq!(k("README.md", "{}"), FileKind::Other);
        assert_eq!(classify_document(Path::new("child.txt"), b"{}"), FileKind::Json);
        assert_eq!(classify_document(Path::new("child"), b"Resources: {}"), FileKind::Yaml);
        assert_eq!(classify_document(Path::new("c.yaml"), b"{}"), FileKind::Json);
    }

    #[test]
    fn positions_count_characters_and_utf16() {
        let text = "a\né日𝄞x\r\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.position(text, 0),
            Position {
                line: 1,
                column: 1,
                utf16_column: 1
            }
        );
        let x = text.find('x').unwrap();
        assert_eq!(
            idx.position(text, x),
            Position {
                line: 2,
                column: 4,
                utf16_column: 5
            }
        );
        let last = text.find("last").unwrap();
        assert_eq!(
            idx.position(text, last),
            Position {
                line: 3,
                column: 1,
                utf16_column: 1
            }
        );
        // Offsets past the end or inside a character are clamped, never panic.
        assert_eq!(idx.position(text, 10_000).line, 3);
        assert_eq!(idx.position(text, 4).line, 2);
    }

    /// The obvious per-line scan, as a reference.
    fn slow(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let prefix = &text[start..end];
        let prefix = prefix.strip_suffix('\r').unwrap_or(prefix);
        Position {
            line: text[..end].matches('\n').count() as u32 + 1,
            column: prefix.chars().count() as u32 + 1,
            utf16_column: prefix.encode_utf16().count() as u32 + 1,
        }
    }

    #[test]
    fn positions_match_a_plain_scan_at_every_offset() {
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(["a", "é", "日", "𝄞", "\r\n", "\n", "xyz"][i % 7]);
            if i % 50 == 0 {
                text.push_str(&"b".repeat(300));
            }
        }
        let idx = LineIndex::new(&text);
        for o in 0..=text.len() + 2 {
            assert_eq!(idx.position(&text, o), slow(&text, o), "offset {o}");
        }
    }

    /// Issue 18 item 5: the index is built on the first position asked for, once.
    #[test]
    fn line_index_is_built_lazily_once() {
        let file = SourceFile::new("a.tf".into(), Arc::from("a\nb\nc"));
        assert!(!file.lines.is_built());
        assert_eq!(file.position(2).line, 2);
        assert!(file.lines.is_built());
        assert_eq!(file.lines.line_count(), 3);
        assert_eq!(file.position(4).line, 3);
    }

    /// Issue 19 item 7: positions on one multi-megabyte line. A scan from the line start
    /// per lookup would read 4 MB x 20,000 = 80 GB here (minutes); the index reads at
    /// most a few hundred bytes per lookup.
    #[test]
    fn positions_on_one_huge_line_cost_little() {
        let text = "é".repeat(2 << 20);
        let idx = LineIndex::new(&text);
        let step = text.len() / 20_000;
        for k in 0..20_000 {
            let o = k * step;
            let p = idx.position(&text, o);
            assert_eq!(p.line, 1);
            assert_eq!(p.column as usize, o / 2 + 1);
        }
    }
}
