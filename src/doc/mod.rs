//! A small, span-carrying document tree shared by every JSON and YAML input
//! (CloudFormation templates, Terraform JSON syntax, plan JSON, parameter files).
//!
//! The YAML loader is built on `saphyr-parser` events and the JSON loader on
//! `jsonc-parser` (strict mode). Both produce the same [`Node`], with byte offsets
//! into the original source, so front ends never see which syntax a file used.

pub mod json;
pub mod yaml;

/// A hash map for internal lookup tables that are never iterated (so their order never
/// reaches output): foldhash instead of the standard SipHash, which was ~3% of a
/// CloudFormation scan (issue 18). Used by the loaders and the CloudFormation evaluator.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// Maximum nesting depth of mappings/sequences accepted in any document.
pub const MAX_DEPTH: usize = 256;
/// Maximum number of nodes that alias (`*x`) expansion may add to one YAML document.
pub const MAX_ALIAS_NODES: usize = 200_000;
/// Maximum size, in bytes of text plus a fixed cost per node, that alias (`*x`)
/// expansion may add to one YAML document (a 100 KB scalar aliased 45,000 times is one
/// node per alias but 4.5 GB).
pub const MAX_ALIAS_BYTES: usize = 32 << 20;

/// A byte range `[start, end)` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteSpan {
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Byte span of the node's value in the source. For a tagged YAML node
    /// (`!Ref X`) the span covers the tag too.
    pub span: ByteSpan,
    /// YAML local tag without the leading `!` (`Ref`, `GetAtt`, `Sub`, ...).
    /// Always `None` for JSON.
    pub tag: Option<String>,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    /// A number, kept as written (`012345678901` must stay an account id).
    Number(String),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: ByteSpan,
    pub value: Node,
}

/// A located parse failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset into the source where the problem is.
    pub offset: usize,
    pub message: String,
}

/// 1-based line number of a byte offset (`\n`, `\r\n` and a lone `\r` end a line).
pub(crate) fn line_of(src: &str, offset: usize) -> usize {
    let bytes = &src.as_bytes()[..offset.min(src.len())];
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    1 + breaks
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.kind {
            Kind::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }
    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            Kind::Map(entries) => entries,
            _ => &[],
        }
    }
    pub fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Seq(items) => items,
            _ => &[],
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            Kind::Number(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match &self.kind {
            Kind::Bool(b) => Some(*b),
            Kind::Str(s) => match s.as_str() {
                "true" | "True" | "TRUE" => Some(true),
                "false" | "False" | "FALSE" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match &self.kind {
            Kind::Number(s) | Kind::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    pub fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map(_))
    }
}
