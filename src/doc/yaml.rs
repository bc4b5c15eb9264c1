//! YAML loader: builds a [`Node`] tree from `saphyr-parser` events.
//!
//! saphyr's own loader is not used because it silently keeps the last of two
//! duplicate keys and builds its tree recursively. Here the tree is built with
//! an explicit stack, duplicate keys are errors, alias expansion is bounded in
//! nodes and in bytes (billion-laughs protection) and every node carries a byte span.
//!
//! Anchoring does not copy: an anchored collection is moved into the anchor table
//! and its parent holds a placeholder until the document is complete; an alias
//! copies the anchored value (charged to the alias budgets), and the placeholders
//! are replaced by the anchored values at the end, so nesting anchors costs nothing.
//!
//! Span notes (saphyr-parser 0.3.4):
//! - `Marker::index()` counts characters, not bytes; [`Offsets`] converts.
//! - Scalar and collection-start spans already begin at a node's tag or anchor
//!   (`!Ref X`, `&a {`), except for an untagged, unanchored block scalar,
//!   whose span starts at its first content character rather than at the
//!   `|`/`>` indicator. We scan for the indicator ourselves.
//! - Block scalar spans run on over trailing line breaks and the indentation of
//!   the next line; we trim them.
//! - Block collection start/end events carry empty spans (at the first entry
//!   and at the next token), so a block collection ends where its last child
//!   ends. An indentless sequence (`key:\n- a`) starts at its first item, not
//!   at the `-`; we step back to the dash.
//! - Quoted scalars and flow collection ends run on over trailing blanks and a
//!   trailing comment (`"a"  # c`); we cut them at the closing quote/bracket.
//! - An empty plain scalar can carry the span of the following token (`...`);
//!   we make it empty.

use super::FastMap as HashMap;
use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};

use super::{ByteSpan, Entry, Kind, MAX_ALIAS_BYTES, MAX_ALIAS_NODES, MAX_DEPTH, Node, ParseError, line_of};

/// Parse the first YAML document of `src` into a [`Node`].
///
/// An empty stream (or an empty document) gives a [`Kind::Null`] node.
pub fn parse(src: &str) -> Result<Node, ParseError> {
    Builder::new(src).run()
}

/// Maps saphyr's character indices to byte offsets.
///
/// Spans arrive in (nearly) increasing order, so a cursor that walks forwards
/// or backwards from the previous position costs O(n) overall without the
/// memory of a full index table. ASCII input needs no conversion at all.
struct Offsets<'a> {
    bytes: &'a [u8],
    ascii: bool,
    char_pos: usize,
    byte_pos: usize,
}

impl<'a> Offsets<'a> {
    fn new(src: &'a str) -> Self {
        Offsets {
            bytes: src.as_bytes(),
            ascii: src.is_ascii(),
            char_pos: 0,
            byte_pos: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.bytes.len());
        }
        while self.char_pos < char_index && self.byte_pos < self.bytes.len() {
            // `src` is valid UTF-8, so the lead byte gives the character width.
            self.byte_pos += match self.bytes[self.byte_pos] {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            self.char_pos += 1;
        }
        while self.char_pos > char_index && self.byte_pos > 0 {
            self.byte_pos -= 1;
            // Skip back over UTF-8 continuation bytes to the lead byte.
            while self.byte_pos > 0 && self.bytes[self.byte_pos] & 0xC0 == 0x80 {
                self.byte_pos -= 1;
            }
            self.char_pos -= 1;
        }
        self.byte_pos.min(self.bytes.len())
    }
}

/// A complete node plus the bookkeeping needed for alias expansion.
struct Built {
    node: Node,
    /// Number of nodes in the subtree (the node itself included).
    count: usize,
    /// Number of collection levels in the subtree (0 for a scalar).
    height: usize,
    /// Size of the subtree: text bytes plus [`NODE_BYTES`] per node.
    bytes: usize,
}

/// The size charged for one node besides its text.
const NODE_BYTES: usize = std::mem::size_of::<Node>();

/// The tag of a placeholder for anchored collection `id`. A YAML tag never holds a NUL.
fn placeholder_tag(id: usize) -> String {
    format!("\0{id}")
}

fn placeholder_id(node: &Node) -> Option<usize> {
    match (&node.kind, &node.tag) {
        (Kind::Null, Some(tag)) => tag.strip_prefix('\0')?.parse().ok(),
        _ => None,
    }
}

/// Replaces every placeholder in `node` by its anchored value (moved, not copied).
fn resolve(node: &mut Node, anchors: &mut HashMap<usize, Built>) {
    if let Some(built) = placeholder_id(node).and_then(|id| anchors.remove(&id)) {
        *node = built.node;
    }
    match &mut node.kind {
        Kind::Seq(items) => items.iter_mut().for_each(|i| resolve(i, anchors)),
        Kind::Map(entries) => entries.iter_mut().for_each(|e| resolve(&mut e.value, anchors)),
        _ => {}
    }
}

/// A key that has been read and waits for its value.
struct PendingKey {
    text: String,
    span: ByteSpan,
    /// A plain, untagged `<<`.
    merge: bool,
}

#[derive(Default)]
struct MapState {
    entries: Vec<Entry>,
    key: Option<PendingKey>,
    /// Values of `<<` merge keys, applied when the mapping closes.
    merges: Vec<Node>,
    /// Span of this mapping's `<<` key, to reject a second one.
    merge_key: Option<ByteSpan>,
    /// Key -> position in `entries`; only built for large mappings.
    index: Option<HashMap<String, usize>>,
}

/// Mappings with more entries than this get a hash index for duplicate checks.
const INDEX_THRESHOLD: usize = 16;

impl MapState {
    fn find(&mut self, key: &str) -> Option<usize> {
        if self.index.is_none() && self.entries.len() > INDEX_THRESHOLD {
            let index = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.key.clone(), i))
                .collect();
            self.index = Some(index);
        }
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|e| e.key == key),
        }
    }

    fn push(&mut self, entry: Entry) {
        if let Some(index) = &mut self.index {
            index.insert(entry.key.clone(), self.entries.len());
        }
        self.entries.push(entry);
    }
}

enum Container {
    Seq(Vec<Node>),
    Map(MapState),
}

/// An open collection.
struct Frame {
    start: usize,
    tag: Option<String>,
    anchor: usize,
    container: Container,
    count: usize,
    height: usize,
    bytes: usize,
    /// Largest end offset of any child (keys included); a block collection ends here.
    last_child_end: usize,
}

struct Builder<'a> {
    src: &'a str,
    offsets: Offsets<'a>,
    stack: Vec<Frame>,
    /// Completed anchored nodes by saphyr's anchor id.
    anchors: HashMap<usize, Built>,
    /// Nodes added so far by alias expansion.
    alias_nodes: usize,
    /// Bytes added so far by alias expansion.
    alias_bytes: usize,
    /// Whether the tree holds placeholders of anchored collections.
    placeholders: bool,
    /// End of the last event that had real text, to search for block scalar indicators.
    last_end: usize,
    root: Option<Node>,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Self {
        Builder {
            src,
            offsets: Offsets::new(src),
            stack: Vec::new(),
            anchors: HashMap::default(),
            alias_nodes: 0,
            alias_bytes: 0,
            placeholders: false,
            last_end: 0,
            root: None,
        }
    }

    fn run(mut self) -> Result<Node, ParseError> {
        let mut parser = Parser::new_from_str(self.src);
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|e| self.scan_error(&e))?;
            let (start, end) = self.span(span);
            // An empty plain scalar may carry the span of the following token;
            // it must not move `last_end` past a block scalar header.
            let has_text =
                end > start && !matches!(&event, Event::Scalar(v, ScalarStyle::Plain, 0, None) if v.is_empty());
            match event {
                Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => {}
                // Only the first document is used.
                Event::DocumentEnd | Event::StreamEnd => break,
                Event::Scalar(value, style, anchor, tag) => {
                    self.scalar(value, style, anchor, tag.as_deref(), start, end)?;
                }
                Event::Alias(id) => self.alias(id, start, end)?,
                Event::SequenceStart(anchor, tag) => {
                    let start = self.block_sequence_start(start, end);
                    self.open(Container::Seq(Vec::new()), anchor, tag.as_deref(), start)?;
                }
                Event::MappingStart(anchor, tag) => {
                    self.open(Container::Map(MapState::default()), anchor, tag.as_deref(), start)?;
                }
                Event::SequenceEnd | Event::MappingEnd => self.close(start, end)?,
            }
            if has_text {
                self.last_end = self.last_end.max(end);
            }
        }
        if !self.stack.is_empty() {
            return Err(err(self.src.len(), "unexpected end of input"));
        }
        let bom = if self.src.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let mut root = self.root.take().unwrap_or(Node {
            span: span_of(bom, bom),
            tag: None,
            kind: Kind::Null,
        });
        if self.placeholders {
            resolve(&mut root, &mut self.anchors);
        }
        Ok(root)
    }

    fn span(&mut self, span: Span) -> (usize, usize) {
        let start = self.offsets.byte(span.start.index());
        let end = self.offsets.byte(span.end.index());
        (start, end.max(start))
    }

    fn scan_error(&mut self, e: &ScanError) -> ParseError {
        let offset = self.offsets.byte(e.marker().index());
        if e.info() == "recursion limit exceeded" {
            // saphyr counts flow levels in a u8 and gives up at the 256th.
            return err(offset, format!("nesting deeper than {} flow levels", u8::MAX));
        }
        err(offset, e.info().to_string())
    }

    /// Whether the innermost open collection is a mapping waiting for a key.
    fn expecting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame { container: Container::Map(m), .. }) if m.key.is_none()
        )
    }

    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        mut start: usize,
        mut end: usize,
    ) -> Result<(), ParseError> {
        match style {
            ScalarStyle::Literal | ScalarStyle::Folded => {
                // Without properties saphyr starts the span at the content.
                if tag.is_none()
                    && anchor == 0
                    && let Some(pos) = find_block_indicator(self.src.as_bytes(), self.last_end, start)
                {
                    start = pos;
                }
                end = trim_trailing_space(self.src.as_bytes(), start, end);
            }
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                end = quoted_end(self.src.as_bytes(), start, end);
            }
            ScalarStyle::Plain if value.is_empty() => {
                if tag.is_none() && anchor == 0 {
                    end = start;
                } else {
                    end = trim_trailing_space(self.src.as_bytes(), start, end);
                }
            }
            _ => {}
        }
        let span = span_of(start, end);

        if self.expecting_key() {
            let merge = style == ScalarStyle::Plain && tag.is_none() && value == "<<";
            let text = value.into_owned();
            if anchor != 0 {
                let (kind, tag) = resolve_scalar(Cow::Borrowed(&text), style, tag);
                let node = Node { span, tag, kind };
                let bytes = NODE_BYTES + text.len();
                self.anchors.insert(
                    anchor,
                    Built {
                        node,
                        count: 1,
                        height: 0,
                        bytes,
                    },
                );
            }
            return self.key(text, span, merge);
        }

        let bytes = NODE_BYTES + value.len() + tag.map_or(0, |t| t.handle.len() + t.suffix.len());
        let (kind, tag) = resolve_scalar(value, style, tag);
        let built = Built {
            node: Node { span, tag, kind },
            count: 1,
            height: 0,
            bytes,
        };
        self.deliver(built, anchor)
    }

    fn alias(&mut self, id: usize, start: usize, end: usize) -> Result<(), ParseError> {
        let Some(target) = self.anchors.get(&id) else {
            return Err(err(start, "alias refers to an anchor that is still being defined"));
        };
        if self.alias_nodes + target.count > MAX_ALIAS_NODES {
            return Err(err(start, format!("alias expansion exceeds {MAX_ALIAS_NODES} nodes")));
        }
        if self.alias_bytes + target.bytes > MAX_ALIAS_BYTES {
            return Err(err(start, format!("alias expansion exceeds {MAX_ALIAS_BYTES} bytes")));
        }
        if self.stack.len() + target.height > MAX_DEPTH {
            return Err(depth_error(start));
        }
        let (count, height, bytes) = (target.count, target.height, target.bytes);
        let mut node = self.expand(&target.node);
        node.span = span_of(start, end);
        self.alias_nodes += count;
        self.alias_bytes += bytes;

        if self.expecting_key() {
            let text = match node.kind {
                Kind::Str(s) | Kind::Number(s) => s,
                Kind::Bool(b) => b.to_string(),
                Kind::Null => String::new(),
                Kind::Seq(_) | Kind::Map(_) => {
                    return Err(err(start, "complex mapping keys are not supported"));
                }
            };
            return self.key(text, node.span, false);
        }
        self.deliver(
            Built {
                node,
                count,
                height,
                bytes,
            },
            0,
        )
    }

    /// A copy of `node` with every placeholder replaced by (a copy of) its anchored value.
    fn expand(&self, node: &Node) -> Node {
        if let Some(built) = placeholder_id(node).and_then(|id| self.anchors.get(&id)) {
            return self.expand(&built.node);
        }
        let kind = match &node.kind {
            Kind::Seq(items) => Kind::Seq(items.iter().map(|i| self.expand(i)).collect()),
            Kind::Map(entries) => Kind::Map(
                entries
                    .iter()
                    .map(|e| Entry {
                        key: e.key.clone(),
                        key_span: e.key_span,
                        value: self.expand(&e.value),
                    })
                    .collect(),
            ),
            other => other.clone(),
        };
        Node {
            span: node.span,
            tag: node.tag.clone(),
            kind,
        }
    }

    /// Record a mapping key, rejecting duplicates.
    fn key(&mut self, text: String, span: ByteSpan, merge: bool) -> Result<(), ParseError> {
        let Some(Frame {
            container: Container::Map(map),
            last_child_end,
            ..
        }) = self.stack.last_mut()
        else {
            return Err(err(span.start as usize, "internal error: key outside a mapping"));
        };
        *last_child_end = (*last_child_end).max(span.end as usize);
        let first = if merge {
            map.merge_key
        } else {
            map.find(&text).map(|i| map.entries[i].key_span)
        };
        if let Some(first) = first {
            let line = line_of(self.src, first.start as usize);
            let message = format!("duplicate key {text:?} (first defined at line {line})");
            return Err(err(span.start as usize, message));
        }
        if merge {
            map.merge_key = Some(span);
        }
        map.key = Some(PendingKey { text, span, merge });
        Ok(())
    }

    fn open(&mut self, container: Container, anchor: usize, tag: Option<&Tag>, start: usize) -> Result<(), ParseError> {
        if self.expecting_key() {
            return Err(err(start, "complex mapping keys are not supported"));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(depth_error(start));
        }
        let tag = tag.and_then(|t| match classify_tag(t) {
            TagClass::Local(name) => Some(name),
            TagClass::Core(_) | TagClass::NonSpecific => None,
        });
        self.stack.push(Frame {
            start,
            tag,
            anchor,
            container,
            count: 1,
            height: 1,
            bytes: NODE_BYTES,
            last_child_end: start,
        });
        Ok(())
    }

    /// Close the innermost collection. `start..end` is the end event's span:
    /// the closing bracket of a flow collection, empty for a block one.
    fn close(&mut self, start: usize, end: usize) -> Result<(), ParseError> {
        let Some(frame) = self.stack.pop() else {
            return Err(err(start, "internal error: unbalanced collection end"));
        };
        let end = match self.src.as_bytes().get(start) {
            // A flow collection ends at its bracket (saphyr's span runs on
            // over trailing blanks and comments).
            Some(b']' | b'}') if end > start => start + 1,
            _ => frame.last_child_end,
        };
        let kind = match frame.container {
            Container::Seq(items) => Kind::Seq(items),
            Container::Map(map) => {
                if let Some(key) = &map.key {
                    // saphyr always supplies a (possibly empty) value; be defensive anyway.
                    return Err(err(key.span.start as usize, "mapping key without a value"));
                }
                Kind::Map(apply_merges(map))
            }
        };
        let built = Built {
            node: Node {
                span: span_of(frame.start, end),
                tag: frame.tag,
                kind,
            },
            count: frame.count,
            height: frame.height,
            bytes: frame.bytes,
        };
        self.deliver(built, frame.anchor)
    }

    /// Hand a finished value to its parent (or make it the document root).
    fn deliver(&mut self, mut built: Built, anchor: usize) -> Result<(), ParseError> {
        // A merge value is read when its mapping closes: it must hold no placeholder.
        let merge_value = matches!(
            self.stack.last(),
            Some(Frame { container: Container::Map(m), .. }) if m.key.as_ref().is_some_and(|k| k.merge)
        );
        if merge_value && self.placeholders {
            built.node = self.expand(&built.node);
        }
        if anchor != 0 {
            let collection = matches!(built.node.kind, Kind::Seq(_) | Kind::Map(_));
            if collection && !merge_value {
                // Move the value into the anchor table; the parent keeps a placeholder.
                let placeholder = Node {
                    span: built.node.span,
                    tag: Some(placeholder_tag(anchor)),
                    kind: Kind::Null,
                };
                let node = std::mem::replace(&mut built.node, placeholder);
                let moved = Built {
                    node,
                    count: built.count,
                    height: built.height,
                    bytes: built.bytes,
                };
                self.anchors.insert(anchor, moved);
                self.placeholders = true;
            } else {
                let copy = Built {
                    node: built.node.clone(),
                    count: built.count,
                    height: built.height,
                    bytes: built.bytes,
                };
                self.anchors.insert(anchor, copy);
            }
        }
        let Some(parent) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(built.node);
            }
            return Ok(());
        };
        parent.count += built.count;
        parent.bytes += built.bytes;
        if let Container::Map(MapState { key: Some(key), .. }) = &parent.container {
            parent.bytes += key.text.len();
        }
        parent.height = parent.height.max(built.height + 1);
        parent.last_child_end = parent.last_child_end.max(built.node.span.end as usize);
        match &mut parent.container {
            Container::Seq(items) => items.push(built.node),
            Container::Map(map) => {
                let Some(key) = map.key.take() else {
                    let offset = built.node.span.start as usize;
                    return Err(err(offset, "internal error: value without a key"));
                };
                if key.merge {
                    let ok = match &built.node.kind {
                        Kind::Map(_) => true,
                        Kind::Seq(items) => items.iter().all(Node::is_map),
                        _ => false,
                    };
                    if !ok {
                        let message = "merge key `<<` needs a mapping or a sequence of mappings";
                        return Err(err(built.node.span.start as usize, message));
                    }
                    map.merges.push(built.node);
                } else {
                    map.push(Entry {
                        key: key.text,
                        key_span: key.span,
                        value: built.node,
                    });
                }
            }
        }
        Ok(())
    }

    /// saphyr starts an indentless sequence (`key:\n- a`) at its first item;
    /// step back to the `-` on the same line.
    fn block_sequence_start(&self, start: usize, end: usize) -> usize {
        let bytes = self.src.as_bytes();
        if end > start || bytes.get(start) == Some(&b'-') {
            return start;
        }
        let mut i = start;
        while i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
            i -= 1;
        }
        if i > 0 && bytes[i - 1] == b'-' { i - 1 } else { start }
    }
}

/// Merge the `<<` sources into a mapping's entries. Explicit keys win over
/// merged ones, and earlier sources win over later ones.
fn apply_merges(mut map: MapState) -> Vec<Entry> {
    let merges = std::mem::take(&mut map.merges);
    for source in merges {
        let maps = match source.kind {
            Kind::Seq(items) => items,
            _ => vec![source],
        };
        for merged in maps {
            if let Kind::Map(entries) = merged.kind {
                for entry in entries {
                    if map.find(&entry.key).is_none() {
                        map.push(entry);
                    }
                }
            }
        }
    }
    map.entries
}

enum TagClass {
    /// A local or application tag, without the leading `!` (`Ref`, `GetAtt`).
    Local(String),
    /// A YAML core schema tag (`!!str`), by suffix.
    Core(String),
    /// The non-specific tag `!`, which forces a string.
    NonSpecific,
}

fn classify_tag(tag: &Tag) -> TagClass {
    const CORE: &str = "tag:yaml.org,2002:";
    let full = format!("{}{}", tag.handle, tag.suffix);
    if let Some(suffix) = full.strip_prefix(CORE) {
        return TagClass::Core(suffix.to_string());
    }
    match full.strip_prefix('!') {
        Some("") => TagClass::NonSpecific,
        Some(name) => TagClass::Local(name.to_string()),
        None => TagClass::Local(full),
    }
}

/// Decide a scalar's kind from its style and tag (YAML 1.2 core schema).
fn resolve_scalar(value: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>) -> (Kind, Option<String>) {
    let plain = style == ScalarStyle::Plain;
    let Some(tag) = tag else {
        let kind = if plain {
            plain_kind(value)
        } else {
            Kind::Str(value.into_owned())
        };
        return (kind, None);
    };
    match classify_tag(tag) {
        TagClass::Local(name) => {
            let kind = if plain && value.is_empty() {
                Kind::Null
            } else {
                Kind::Str(value.into_owned())
            };
            (kind, Some(name))
        }
        TagClass::NonSpecific => (Kind::Str(value.into_owned()), None),
        TagClass::Core(suffix) => {
            let kind = match suffix.as_str() {
                "str" => Kind::Str(value.into_owned()),
                "null" => Kind::Null,
                "bool" | "int" | "float" => match plain_kind(Cow::Borrowed(&value)) {
                    kind @ Kind::Bool(_) if suffix == "bool" => kind,
                    kind @ Kind::Number(_) if suffix != "bool" => kind,
                    _ => Kind::Str(value.into_owned()),
                },
                _ if plain => plain_kind(value),
                _ => Kind::Str(value.into_owned()),
            };
            (kind, None)
        }
    }
}

/// Resolve an untagged plain scalar (its text moved into the node, not copied).
fn plain_kind(s: Cow<'_, str>) -> Kind {
    match &*s {
        "" | "~" | "null" | "Null" | "NULL" => Kind::Null,
        "true" | "True" | "TRUE" => Kind::Bool(true),
        "false" | "False" | "FALSE" => Kind::Bool(false),
        _ if is_core_number(&s) => Kind::Number(s.into_owned()),
        _ => Kind::Str(s.into_owned()),
    }
}

/// YAML 1.2 core schema int or float.
fn is_core_number(s: &str) -> bool {
    if let Some(hex) = s.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(oct) = s.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    if matches!(s, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    if matches!(s, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    // [0-9]+ ( . [0-9]* )? | . [0-9]+, then an optional exponent.
    let b = s.as_bytes();
    let digits = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut i = digits(0);
    let int_digits = i;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        let j = digits(i + 1);
        frac_digits = j - (i + 1);
        i = j;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        let j = digits(i);
        if j == i {
            return false;
        }
        i = j;
    }
    i == b.len()
}

/// Find the `|` or `>` header of a block scalar in `bytes[from..to]`, skipping
/// comments (a `#` at the start or after whitespace runs to the line end).
fn find_block_indicator(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    let to = to.min(bytes.len());
    let mut i = from;
    while i < to {
        match bytes[i] {
            b'|' | b'>' => return Some(i),
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                while i < to && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// End of a quoted scalar whose span (tag and anchor included) starts at
/// `start`. saphyr's span runs on over trailing blanks and a trailing comment,
/// so find the closing quote. Falls back to `end` if the text is unexpected.
fn quoted_end(bytes: &[u8], start: usize, end: usize) -> usize {
    let end = end.min(bytes.len());
    let mut i = start;
    // Skip node properties (`!Tag`, `&anchor`) and the blanks, line breaks
    // and comments that may follow them.
    while i < end && matches!(bytes[i], b'!' | b'&') {
        while i < end && !matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        while i < end {
            match bytes[i] {
                b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                b'#' => {
                    while i < end && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
    }
    let Some(&quote) = bytes.get(i).filter(|&&q| q == b'"' || q == b'\'') else {
        return end;
    };
    i += 1;
    while i < end {
        match bytes[i] {
            // Only double-quoted scalars have backslash escapes.
            b'\\' if quote == b'"' => i += 2,
            // In single-quoted scalars `''` is an escaped quote.
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            q if q == quote => return i + 1,
            _ => i += 1,
        }
    }
    end
}

/// Move `end` back over spaces, tabs and line breaks, but not before `start`.
fn trim_trailing_space(bytes: &[u8], start: usize, mut end: usize) -> usize {
    end = end.min(bytes.len());
    while end > start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r' | b'\n') {
        end -= 1;
    }
    end
}

fn err(offset: usize, message: impl Into<String>) -> ParseError {
    ParseError {
        offset,
        message: message.into(),
    }
}

fn depth_error(offset: usize) -> ParseError {
    err(offset, format!("nesting deeper than {MAX_DEPTH} levels"))
}

fn span_of(start: usize, end: usize) -> ByteSpan {
    ByteSpan {
        start: u32::try_from(start).unwrap_or(u32::MAX),
        end: u32::try_from(end).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) -> Node {
        match parse(src) {
            Ok(node) => node,
            Err(e) => panic!("parse failed at {}: {}", e.offset, e.message),
        }
    }

    fn fail(src: &str) -> ParseError {
        match parse(src) {
            Ok(node) => panic!("expected an error, got {node:?}"),
            Err(e) => e,
        }
    }

    /// The source text a span covers.
    fn text(src: &str, span: ByteSpan) -> &str {
        &src[span.start as usize..span.end as usize]
    }

    fn path<'n>(node: &'n Node, keys: &[&str]) -> &'n Node {
        keys.iter()
            .fold(node, |n, k| n.get(k).unwrap_or_else(|| panic!("no key {k}")))
    }

    const TRAIL: &str = "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsMultiRegionTrail: !Ref Multi\n";

    #[test]
    fn cloudformation_ref_span() {
        let root = ok(TRAIL);
        let props = path(&root, &["Resources", "Trail", "Properties"]);
        let entry = props.entry("IsMultiRegionTrail").unwrap();
        assert_eq!(text(TRAIL, entry.key_span), "IsMultiRegionTrail");
        assert_eq!(entry.value.tag.as_deref(), Some("Ref"));
        assert_eq!(entry.value.kind, Kind::Str("Multi".into()));
        assert_eq!(text(TRAIL, entry.value.span), "!Ref Multi");
        assert_eq!(entry.value.span, ByteSpan { start: 95, end: 105 });
        // Block collections end where their last child ends.
        assert_eq!(root.span, ByteSpan { start: 0, end: 105 });
        assert_eq!(text(TRAIL, props.span), "IsMultiRegionTrail: !Ref Multi");
        let trail = path(&root, &["Resources", "Trail"]);
        assert!(text(TRAIL, trail.span).starts_with("Type: AWS"));
        assert_eq!(trail.get("Type").unwrap().as_str(), Some("AWS::CloudTrail::Trail"));
    }

    #[test]
    fn tagged_nodes() {
        let src = "A: !GetAtt Bucket.Arn\nB: !Sub |\n  arn:${AWS::Partition}:s3\n\nC: !If [IsProd, 1, !Ref X]\nD: !GetAZs ''\nE: !GetAZs\nF: !Join\n  - ''\n  - [a, b]\n";
        let root = ok(src);
        let a = root.get("A").unwrap();
        assert_eq!(
            (a.tag.as_deref(), text(src, a.span)),
            (Some("GetAtt"), "!GetAtt Bucket.Arn")
        );
        assert_eq!(a.as_str(), Some("Bucket.Arn"));
        let b = root.get("B").unwrap();
        assert_eq!(b.tag.as_deref(), Some("Sub"));
        assert_eq!(text(src, b.span), "!Sub |\n  arn:${AWS::Partition}:s3");
        assert_eq!(b.kind, Kind::Str("arn:${AWS::Partition}:s3\n".into()));
        let c = root.get("C").unwrap();
        assert_eq!(
            (c.tag.as_deref(), text(src, c.span)),
            (Some("If"), "!If [IsProd, 1, !Ref X]")
        );
        let items = c.items();
        assert_eq!(items[1].kind, Kind::Number("1".into()));
        assert_eq!(
            (items[2].tag.as_deref(), text(src, items[2].span)),
            (Some("Ref"), "!Ref X")
        );
        let d = root.get("D").unwrap();
        assert_eq!((d.tag.as_deref(), &d.kind), (Some("GetAZs"), &Kind::Str(String::new())));
        assert_eq!(text(src, d.span), "!GetAZs ''");
        let e = root.get("E").unwrap();
        assert_eq!((e.tag.as_deref(), &e.kind), (Some("GetAZs"), &Kind::Null));
        assert_eq!(text(src, e.span), "!GetAZs");
        let f = root.get("F").unwrap();
        assert_eq!(f.tag.as_deref(), Some("Join"));
        assert_eq!(text(src, f.span), "!Join\n  - ''\n  - [a, b]");
        assert_eq!(text(src, f.items()[1].span), "[a, b]");
    }

    #[test]
    fn core_and_other_tags() {
        let src = "a: !!str 12\nb: ! 12\nc: !!int \"7\"\nd: !!bool yes\ne: !<tag:example.com,2000:x> v\nf: !<!Ref> g\nh: !!map {k: v}\n";
        let root = ok(src);
        let a = root.get("a").unwrap();
        assert_eq!((&a.kind, a.tag.as_deref()), (&Kind::Str("12".into()), None));
        assert_eq!(text(src, a.span), "!!str 12");
        assert_eq!(root.get("b").unwrap().kind, Kind::Str("12".into()));
        assert_eq!(root.get("c").unwrap().kind, Kind::Number("7".into()));
        assert_eq!(root.get("d").unwrap().kind, Kind::Str("yes".into()));
        let e = root.get("e").unwrap();
        assert_eq!(e.tag.as_deref(), Some("tag:example.com,2000:x"));
        assert_eq!(root.get("f").unwrap().tag.as_deref(), Some("Ref"));
        let h = root.get("h").unwrap();
        assert!(h.is_map() && h.tag.is_none());
    }

    #[test]
    fn block_scalars() {
        let src = "FilterPattern: >-\n  { ($.eventName = X) }\nNext: 1\n";
        let root = ok(src);
        let fp = root.get("FilterPattern").unwrap();
        assert_eq!(text(src, fp.span), ">-\n  { ($.eventName = X) }");
        assert_eq!(fp.span.start, 15);
        assert_eq!(fp.kind, Kind::Str("{ ($.eventName = X) }".into()));

        // Header comment, keep chomping, indentation indicator, sequence items,
        // a comment line after the scalar, an anchored block scalar.
        let src = "a: |+ # a comment with | and >\n  keep\n\n# trailing comment\nb: |2\n    indented\nc:\n  - >\n    folded\n    text\n  - |-\n    x\nd: &anc |\n  y\ne: |\n";
        let root = ok(src);
        let a = root.get("a").unwrap();
        assert_eq!(text(src, a.span), "|+ # a comment with | and >\n  keep");
        assert_eq!(a.kind, Kind::Str("keep\n\n".into()));
        let b = root.get("b").unwrap();
        assert_eq!(text(src, b.span), "|2\n    indented");
        assert_eq!(b.kind, Kind::Str("  indented\n".into()));
        let c = root.get("c").unwrap().items();
        assert_eq!(text(src, c[0].span), ">\n    folded\n    text");
        assert_eq!(c[0].kind, Kind::Str("folded text\n".into()));
        assert_eq!(text(src, c[1].span), "|-\n    x");
        assert_eq!(text(src, root.get("d").unwrap().span), "&anc |\n  y");
        let e = root.get("e").unwrap();
        assert_eq!((text(src, e.span), &e.kind), ("|", &Kind::Str(String::new())));
    }

    #[test]
    fn block_scalar_after_comment_line() {
        let src = "k: # note: | is not the header\n  |\n  text\n";
        let root = ok(src);
        let k = root.get("k").unwrap();
        assert_eq!(text(src, k.span), "|\n  text");
    }

    #[test]
    fn quoted_scalar_spans_stop_at_the_quote() {
        // saphyr's spans for quoted scalars run on to the end of the line.
        let src = "\"Name\" : \"a\" # it's \"b\"\nS: 'it''s' # 'c'\nT: !Sub \"x\\\"y\" # z\nL: [\"p\" , 'q' ]\n";
        let root = ok(src);
        let name = root.entry("Name").unwrap();
        assert_eq!(text(src, name.key_span), "\"Name\"");
        assert_eq!(text(src, name.value.span), "\"a\"");
        let s = root.get("S").unwrap();
        assert_eq!((text(src, s.span), s.as_str()), ("'it''s'", Some("it's")));
        let t = root.get("T").unwrap();
        assert_eq!((text(src, t.span), t.as_str()), ("!Sub \"x\\\"y\"", Some("x\"y")));
        let l = root.get("L").unwrap().items();
        assert_eq!((text(src, l[0].span), text(src, l[1].span)), ("\"p\"", "'q'"));
        let src = "a: &x # anchor first\n  \"v\" # c\nb: *x # alias\nc: plain # c\n";
        let root = ok(src);
        assert_eq!(text(src, root.get("a").unwrap().span), "&x # anchor first\n  \"v\"");
        assert_eq!(text(src, root.get("b").unwrap().span), "*x");
        assert_eq!(text(src, root.get("c").unwrap().span), "plain");
    }

    #[test]
    fn flow_collections() {
        let src = "Value: {Ref: X}  # c\nList: [a, 'b', \"c\", {k: v} , [] ]\nEmpty: {}\n";
        let root = ok(src);
        let v = root.get("Value").unwrap();
        assert_eq!(text(src, v.span), "{Ref: X}");
        let entry = v.entry("Ref").unwrap();
        assert_eq!((text(src, entry.key_span), text(src, entry.value.span)), ("Ref", "X"));
        let list = root.get("List").unwrap();
        assert_eq!(text(src, list.span), "[a, 'b', \"c\", {k: v} , [] ]");
        let items = list.items();
        assert_eq!(text(src, items[1].span), "'b'");
        assert_eq!(text(src, items[2].span), "\"c\"");
        assert_eq!(text(src, items[3].span), "{k: v}");
        assert_eq!(text(src, items[4].span), "[]");
        assert_eq!(items[4].kind, Kind::Seq(vec![]));
        let empty = root.get("Empty").unwrap();
        assert_eq!((text(src, empty.span), &empty.kind), ("{}", &Kind::Map(vec![])));
    }

    #[test]
    fn sequences_and_indentless_sequences() {
        let src = "a:\n  - x\n  - y: 1\n    z: 2\nb:\n- i\n-   - j\n    - k\n";
        let root = ok(src);
        let a = root.get("a").unwrap();
        assert_eq!(text(src, a.span), "- x\n  - y: 1\n    z: 2");
        assert_eq!(text(src, a.items()[1].span), "y: 1\n    z: 2");
        let b = root.get("b").unwrap();
        assert_eq!(text(src, b.span), "- i\n-   - j\n    - k");
        assert_eq!(text(src, b.items()[1].span), "- j\n    - k");
    }

    #[test]
    fn scalar_kinds() {
        let src = "t: true\nT: True\nf: FALSE\nn1: null\nn2: ~\nn3:\nn4: Null\n\
                   i: 42\nneg: -7\nacct: 012345678901\nhex: 0x1F\noct: 0o17\nfl: 1.5e3\nlead: .5\n\
                   trail: 1.\ninf: -.inf\nnan: .NaN\n\
                   yes: yes\nunder: 1_000\nver: 1.2.3\nq: 'true'\ndq: \"42\"\nlit: |\n  true\nhexbad: 0xZ\n";
        let root = ok(src);
        let kind = |k: &str| root.get(k).unwrap().kind.clone();
        assert_eq!(kind("t"), Kind::Bool(true));
        assert_eq!(kind("T"), Kind::Bool(true));
        assert_eq!(kind("f"), Kind::Bool(false));
        for k in ["n1", "n2", "n3", "n4"] {
            assert_eq!(kind(k), Kind::Null, "{k}");
        }
        for (k, v) in [
            ("i", "42"),
            ("neg", "-7"),
            ("acct", "012345678901"),
            ("hex", "0x1F"),
            ("oct", "0o17"),
            ("fl", "1.5e3"),
            ("lead", ".5"),
            ("trail", "1."),
            ("inf", "-.inf"),
            ("nan", ".NaN"),
        ] {
            assert_eq!(kind(k), Kind::Number(v.into()), "{k}");
        }
        for (k, v) in [
            ("yes", "yes"),
            ("under", "1_000"),
            ("ver", "1.2.3"),
            ("q", "true"),
            ("dq", "42"),
            ("lit", "true\n"),
            ("hexbad", "0xZ"),
        ] {
            assert_eq!(kind(k), Kind::Str(v.into()), "{k}");
        }
    }

    #[test]
    fn non_string_keys() {
        let root = ok("1: a\ntrue: b\n~: c\n0x10: d\n");
        let keys: Vec<&str> = root.entries().iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["1", "true", "~", "0x10"]);
    }

    #[test]
    fn complex_keys_are_rejected() {
        let src = "a: 1\n? [x]\n: 2\n";
        let e = fail(src);
        assert_eq!(e.offset, src.find('[').unwrap());
        assert!(e.message.contains("complex mapping key"), "{}", e.message);
        let e = fail("{? {a: b} : c}");
        assert!(e.message.contains("complex mapping key"), "{}", e.message);
    }

    #[test]
    fn non_ascii_offsets() {
        let src = "# café 日本語 comment\nName: \"日本\" # é\nTags:\n  - Key: é\n    Value: !Sub 'x-${AWS::Region}'\n";
        let root = ok(src);
        let name = root.entry("Name").unwrap();
        assert_eq!(text(src, name.key_span), "Name");
        assert_eq!(text(src, name.value.span), "\"日本\"");
        assert_eq!(name.value.kind, Kind::Str("日本".into()));
        let tag = &root.get("Tags").unwrap().items()[0];
        assert_eq!(text(src, tag.get("Key").unwrap().span), "é");
        let value = tag.get("Value").unwrap();
        assert_eq!(text(src, value.span), "!Sub 'x-${AWS::Region}'");
        assert_eq!(value.span.start as usize, src.find("!Sub").unwrap());
        // Non-ASCII keys, and a block scalar after non-ASCII text.
        let src = "日本: |\n  été\nk: >-\n  x\n";
        let root = ok(src);
        let e = root.entry("日本").unwrap();
        assert_eq!((text(src, e.key_span), text(src, e.value.span)), ("日本", "|\n  été"));
        assert_eq!(text(src, root.get("k").unwrap().span), ">-\n  x");
    }

    #[test]
    fn scan_error_offsets_are_bytes() {
        // The unterminated flow sequence is reported at the same place
        // whether or not multi-byte text comes first.
        let ascii = "ab: x\nk: [a, b\n";
        let utf8 = "日本: x\nk: [a, b\n";
        let (ea, eu) = (fail(ascii), fail(utf8));
        assert_eq!(ea.message, eu.message);
        assert_eq!(eu.offset, ea.offset + "日本".len() - 2);
        assert!(eu.offset <= utf8.len());
    }

    #[test]
    fn crlf_line_endings() {
        let src = "A:\r\n  B: !Ref X\r\n  C: |\r\n    line1\r\n    line2\r\n  D: [1, 2]\r\n";
        let root = ok(src);
        let a = root.get("A").unwrap();
        let b = a.get("B").unwrap();
        assert_eq!((text(src, b.span), b.tag.as_deref()), ("!Ref X", Some("Ref")));
        let c = a.get("C").unwrap();
        assert_eq!(text(src, c.span), "|\r\n    line1\r\n    line2");
        assert_eq!(c.kind, Kind::Str("line1\nline2\n".into()));
        assert_eq!(text(src, a.get("D").unwrap().span), "[1, 2]");
        assert_eq!(
            text(src, a.span),
            "B: !Ref X\r\n  C: |\r\n    line1\r\n    line2\r\n  D: [1, 2]"
        );
    }

    #[test]
    fn bom_crlf_and_non_ascii_together() {
        let src = "\u{feff}# é\r\nA: [日本, \"x\"]  # ü\r\nB: |\r\n  é\r\nC: !Ref 日本\r\n";
        let root = ok(src);
        let a = root.get("A").unwrap();
        assert_eq!(text(src, a.span), "[日本, \"x\"]");
        assert_eq!(text(src, a.items()[0].span), "日本");
        assert_eq!(text(src, a.items()[1].span), "\"x\"");
        let b = root.get("B").unwrap();
        assert_eq!((text(src, b.span), b.as_str()), ("|\r\n  é", Some("é\n")));
        assert_eq!(text(src, root.get("C").unwrap().span), "!Ref 日本");
        assert_eq!(text(src, root.span), &src[src.find("A:").unwrap()..src.len() - 2]);
    }

    #[test]
    fn byte_order_mark() {
        let src = "\u{feff}Key: !Ref Value\nN: é\n";
        let root = ok(src);
        let e = root.entry("Key").unwrap();
        assert_eq!(e.key_span, ByteSpan { start: 3, end: 6 });
        assert_eq!(text(src, e.value.span), "!Ref Value");
        assert_eq!(text(src, root.get("N").unwrap().span), "é");
        assert_eq!(root.span.start, 3);
        assert_eq!(ok("\u{feff}").kind, Kind::Null);
    }

    #[test]
    fn duplicate_keys() {
        let src = "Resources:\n  Foo:\n    Type: A\n  Bar: {}\n  Foo:\n    Type: B\n";
        let e = fail(src);
        assert_eq!(e.offset, src.rfind("Foo").unwrap());
        assert_eq!(e.message, "duplicate key \"Foo\" (first defined at line 2)");
        let src = "{a: 1, b: 2, a: 3}";
        let e = fail(src);
        assert_eq!(
            (e.offset, e.message.as_str()),
            (13, "duplicate key \"a\" (first defined at line 1)")
        );
        // Large mappings use a hash index; make sure it still finds duplicates.
        let mut big: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        big.push_str("k42: again\n");
        let e = fail(&big);
        assert_eq!(e.offset, big.rfind("k42").unwrap());
        assert_eq!(e.message, "duplicate key \"k42\" (first defined at line 43)");
        // Same text, different spelling of a non-string key.
        let e = fail("1: a\n'1': b\n");
        assert_eq!(e.offset, 5);
        // Lines are counted for CRLF and old-Mac CR line endings too.
        let e = fail("a: 1\r\nb: 2\r\na: 3\r\n");
        assert_eq!(e.message, "duplicate key \"a\" (first defined at line 1)");
        let e = fail("x: 0\rb: 1\rb: 2\r");
        assert_eq!(
            (e.offset, e.message.as_str()),
            (10, "duplicate key \"b\" (first defined at line 2)")
        );
    }

    #[test]
    fn anchors_and_aliases() {
        let src = "base: &b\n  x: 1\n  y: [2, 3]\ncopy: *b\nlist: [*b, *b]\n";
        let root = ok(src);
        let copy = root.get("copy").unwrap();
        assert_eq!(text(src, copy.span), "*b");
        assert_eq!(copy.get("x").unwrap().kind, Kind::Number("1".into()));
        // Inner nodes keep the spans of the anchored definition.
        assert_eq!(text(src, copy.get("y").unwrap().span), "[2, 3]");
        assert_eq!(root.get("list").unwrap().items().len(), 2);
        assert_eq!(text(src, root.get("base").unwrap().span), "&b\n  x: 1\n  y: [2, 3]");
        // An anchored key can be used as an alias.
        let root = ok("&k name: 1\nother: *k\n");
        assert_eq!(root.get("other").unwrap().as_str(), Some("name"));
        // An alias can be a key.
        let root = ok("a: &k key\n*k : v\n");
        assert_eq!(root.get("key").unwrap().as_str(), Some("v"));
    }

    #[test]
    fn recursive_alias_is_an_error() {
        let e = fail("a: &x [1, *x]\n");
        assert_eq!(e.offset, 10);
    }

    #[test]
    fn billion_laughs() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = (b'a' + i - 1) as char;
            let cur = (b'a' + i) as char;
            let refs = vec![format!("*{prev}"); 10].join(", ");
            src.push_str(&format!("{cur}: &{cur} [{refs}]\n"));
        }
        let e = fail(&src);
        assert!(e.message.starts_with("alias expansion exceeds"), "{}", e.message);
        assert!(e.message.contains(&MAX_ALIAS_NODES.to_string()));
    }

    /// Issue 19 item 2: a 100 KB scalar aliased 45,000 times is 45,000 nodes but 4.5 GB.
    #[test]
    fn alias_expansion_is_budgeted_in_bytes() {
        let mut src = format!("big: &big \"{}\"\nlist:\n", "x".repeat(100_000));
        for _ in 0..45_000 {
            src.push_str("  - *big\n");
        }
        let e = fail(&src);
        assert_eq!(e.message, format!("alias expansion exceeds {MAX_ALIAS_BYTES} bytes"));
        // The error points at the first alias over the budget.
        assert_eq!(&src[e.offset..e.offset + 4], "*big");
        // Under the budget, aliases of a large scalar are fine.
        let mut src = format!("big: &big \"{}\"\nlist:\n", "x".repeat(100_000));
        for _ in 0..100 {
            src.push_str("  - *big\n");
        }
        assert_eq!(ok(&src).get("list").unwrap().items().len(), 100);
    }

    /// Issue 19 item 3: 250 nested anchored mappings around a 400,000-item list (no alias).
    /// Copying each anchored value would copy the list 250 times (100 million nodes).
    #[test]
    fn anchoring_does_not_copy() {
        let mut src = String::new();
        for i in 0..250 {
            src.push_str(&format!("{}k{i}: &a{i}\n", "  ".repeat(i)));
        }
        src.push_str(&format!("{}list: [{}0]\n", "  ".repeat(250), "0, ".repeat(399_999)));
        let root = ok(&src);
        let mut node = &root;
        for i in 0..250 {
            node = node.get(&format!("k{i}")).unwrap();
        }
        assert_eq!(node.get("list").unwrap().items().len(), 400_000);
        assert!(!src.contains('*'));
    }

    #[test]
    fn nested_anchors_aliases_and_merges() {
        let src = "a: &x\n  b: &y [1, {c: &z {d: 2}}]\n  e: *y\n  f: *z\ng: *x\nh: *y\n\
                   m:\n  <<: [&p {q: 1}, &r {s: [*z]}]\n  t: *p\nu: *r\nv: &w [*x]\nw: *w\n";
        let root = ok(src);
        let a = root.get("a").unwrap();
        assert_eq!(text(src, a.span), "&x\n  b: &y [1, {c: &z {d: 2}}]\n  e: *y\n  f: *z");
        let y = a.get("b").unwrap();
        assert_eq!(text(src, y.span), "&y [1, {c: &z {d: 2}}]");
        assert_eq!(y.tag, None);
        let z = y.items()[1].get("c").unwrap();
        assert_eq!(z.get("d").unwrap().as_str(), Some("2"));
        // Aliases hold full copies, nested anchors included.
        assert_eq!(
            a.get("e").unwrap().items()[1]
                .get("c")
                .unwrap()
                .get("d")
                .unwrap()
                .as_str(),
            Some("2")
        );
        assert_eq!(a.get("f").unwrap().get("d").unwrap().as_str(), Some("2"));
        let g = root.get("g").unwrap();
        assert_eq!(text(src, g.span), "*x");
        assert_eq!(g.get("b").unwrap().items().len(), 2);
        assert_eq!(g.get("f").unwrap().get("d").unwrap().as_str(), Some("2"));
        assert_eq!(root.get("h").unwrap().items().len(), 2);
        // Anchored mappings inside a merge list are merged and can be aliased.
        let m = root.get("m").unwrap();
        assert_eq!(m.get("q").unwrap().as_str(), Some("1"));
        assert_eq!(m.get("s").unwrap().items()[0].get("d").unwrap().as_str(), Some("2"));
        assert_eq!(m.get("t").unwrap().get("q").unwrap().as_str(), Some("1"));
        assert_eq!(root.get("u").unwrap().get("s").unwrap().items().len(), 1);
        let w = root.get("w").unwrap();
        assert_eq!(w.items()[0].get("b").unwrap().items().len(), 2);
        // No placeholder is left anywhere.
        fn no_placeholder(n: &Node) {
            assert!(n.tag.as_deref().is_none_or(|t| !t.starts_with('\0')), "{n:?}");
            n.items().iter().for_each(no_placeholder);
            n.entries().iter().for_each(|e| no_placeholder(&e.value));
        }
        no_placeholder(&root);
        // The root itself can be anchored.
        let root = ok("&r {a: [1]}\n");
        assert_eq!(root.get("a").unwrap().items().len(), 1);
    }

    #[test]
    fn merge_keys() {
        let src = "base: &base\n  A: 1\n  B: 2\nother: &other\n  B: 20\n  C: 30\n\
                   one:\n  <<: *base\n  A: 10\nmany:\n  D: 4\n  <<: [*base, *other]\n";
        let root = ok(src);
        let one = root.get("one").unwrap();
        let keys: Vec<&str> = one.entries().iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["A", "B"]);
        // Explicit keys win, even when written after `<<`.
        assert_eq!(one.get("A").unwrap().as_str(), Some("10"));
        // Merged entries keep the key span of their source.
        let b = one.entry("B").unwrap();
        assert_eq!(b.key_span.start as usize, src.find("B: 2").unwrap());
        let many = root.get("many").unwrap();
        let pairs: Vec<(&str, &str)> = many
            .entries()
            .iter()
            .map(|e| (e.key.as_str(), e.value.as_str().unwrap()))
            .collect();
        assert_eq!(pairs, [("D", "4"), ("A", "1"), ("B", "2"), ("C", "30")]);
        // A quoted `<<` is an ordinary key.
        let root = ok("'<<': {a: 1}\n");
        assert!(root.get("<<").is_some());
        // Bad merge values and repeated merge keys are errors.
        assert!(fail("a:\n  <<: 1\n").message.contains("merge key"));
        let e = fail("b: &b {x: 1}\na:\n  <<: *b\n  <<: *b\n");
        assert!(e.message.starts_with("duplicate key \"<<\""), "{}", e.message);
    }

    #[test]
    fn documents() {
        assert_eq!(ok("").kind, Kind::Null);
        assert_eq!(ok("# just a comment\n").kind, Kind::Null);
        assert_eq!(ok("---\n...\n").kind, Kind::Null);
        assert_eq!(ok("---\n").kind, Kind::Null);
        // Only the first document is read; later ones are not even parsed.
        let root = ok("a: 1\n---\nb: [unterminated\n");
        assert!(root.get("a").is_some() && root.get("b").is_none());
        let src = "--- |\n  text\n";
        let root = ok(src);
        assert_eq!(text(src, root.span), "|\n  text");
        // An error inside the first document is still reported.
        assert!(parse("a: [1\n---\nb: 2\n").is_err());
    }

    #[test]
    fn depth_limit_boundary() {
        let flow = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        // Block mappings, one indentation step per level.
        let block = |n: usize| -> String { (0..n).map(|i| format!("{}a:\n", " ".repeat(i))).collect() };
        assert!(parse(&block(MAX_DEPTH)).is_ok());
        let src = block(MAX_DEPTH + 1);
        let e = fail(&src);
        assert_eq!(e.message, "nesting deeper than 256 levels");
        assert_eq!(e.offset, src.rfind("a:").unwrap());
        // One block level plus 255 flow levels is exactly the limit.
        assert!(parse(&format!("a: {}", flow(MAX_DEPTH - 1))).is_ok());
        let src = format!("a:\n  b: {}", flow(MAX_DEPTH - 1));
        let e = fail(&src);
        assert_eq!(e.message, "nesting deeper than 256 levels");
        assert_eq!(e.offset, src.rfind('[').unwrap());
        // saphyr itself refuses a 256th flow level (its counter is a u8).
        assert!(parse(&flow(255)).is_ok());
        let e = fail(&flow(256));
        assert_eq!(
            (e.offset, e.message.as_str()),
            (255, "nesting deeper than 255 flow levels")
        );
        // Alias expansion cannot be used to exceed the limit.
        let src = format!("a: &a {}\nb: {}*a{}\n", flow(200), "[".repeat(100), "]".repeat(100));
        let e = fail(&src);
        assert_eq!(e.message, "nesting deeper than 256 levels");
        assert_eq!(e.offset, src.find("*a").unwrap());
    }

    #[test]
    fn very_deep_nesting_does_not_overflow() {
        for src in [
            "[".repeat(100_000),
            "{a: ".repeat(100_000),
            "- ".repeat(100_000) + "x",
            // Block mappings need one more space per level, so 2000 levels
            // (2 MB) rather than 100_000 (5 GB).
            (0..2_000).map(|i| format!("{}a:\n", " ".repeat(i))).collect::<String>(),
        ] {
            let e = fail(&src);
            assert!(e.message.starts_with("nesting deeper than"), "{}", e.message);
        }
    }

    /// Deterministic pseudo-random garbage must never panic.
    #[test]
    fn garbage_does_not_panic() {
        const ALPHABET: &[&str] = &[
            "a", "b", "0", "1", ".", " ", "  ", "\n", "\r\n", "\t", ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "!",
            "!!", "!Ref ", "&a ", "*a", "&b ", "*b", "|", ">", "|-", "#", "\"", "'", "\\", "?", "<<: ", "%", "@", "`",
            "---", "...", "é", "日本", "\u{feff}", "\u{85}", "\u{2028}", "~", "0x", ".inf", "\0",
        ];
        let seeds = [
            TRAIL,
            "a: &a {b: [1, 2, *a]}\nc: !Sub |\n  x\n  y\n",
            "base: &b\n  x: 1\nm:\n  <<: *b\n",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for case in 0..2000 {
            let mut src = String::new();
            if case % 2 == 0 {
                for _ in 0..next() % 40 {
                    src.push_str(ALPHABET[(next() % ALPHABET.len() as u64) as usize]);
                }
            } else {
                // Mutate a valid document: splice in a few random tokens.
                src.push_str(seeds[case % seeds.len()]);
                for _ in 0..1 + next() % 4 {
                    let mut at = (next() % (src.len() as u64 + 1)) as usize;
                    while !src.is_char_boundary(at) {
                        at -= 1;
                    }
                    src.insert_str(at, ALPHABET[(next() % ALPHABET.len() as u64) as usize]);
                }
            }
            if let Ok(node) = parse(&src) {
                check_spans(&src, &node);
            }
        }
    }

    /// Every span of a successfully parsed tree is a valid range of the source.
    fn check_spans(src: &str, node: &Node) {
        let valid = |s: ByteSpan| {
            s.start <= s.end && src.is_char_boundary(s.start as usize) && src.is_char_boundary(s.end as usize)
        };
        assert!(valid(node.span), "bad span {:?} in {src:?}", node.span);
        for item in node.items() {
            check_spans(src, item);
        }
        for entry in node.entries() {
            assert!(valid(entry.key_span), "bad key span in {src:?}");
            check_spans(src, &entry.value);
        }
    }
}
