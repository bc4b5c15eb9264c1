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

/// The kind of infrastructure code a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    Terraform,
    TerraformJson,
    TerraformPlan,
    CloudFormationYaml,
    CloudFormationJson,
}

#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to users: relative to the current directory when below it, `/`-separated.
    pub path: String,
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: String, text: Arc<str>) -> SourceFile {
        let lines = LineIndex::new(&text);
        SourceFile { path, text, lines }
    }
    pub fn position(&self, offset: u32) -> Position {
        self.lines.position(&self.text, offset as usize)
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
#[derive(Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push((i + 1) as u32);
            }
        }
        LineIndex { starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.starts.get(line.checked_sub(1)? as usize).map(|&s| s as usize)
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line] as usize;
        // Never split a character: step back to a char boundary.
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = &text[start..end];
        let prefix = prefix.strip_suffix('\r').unwrap_or(prefix);
        Position {
            line: line as u32 + 1,
            column: prefix.chars().count() as u32 + 1,
            utf16_column: prefix.encode_utf16().count() as u32 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
