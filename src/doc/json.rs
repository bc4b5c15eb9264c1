//! JSON loader: strict JSON via `jsonc-parser`, converted to a [`Node`] tree.
//!
//! jsonc-parser is run with every leniency (comments, trailing commas, single
//! quotes, hex numbers, ...) switched off. Its ranges are byte offsets. It
//! parses recursively, so the nesting depth is checked by a cheap pre-scan
//! before the text is handed to it.

use super::FastMap as HashMap;

use jsonc_parser::ast::{Object, ObjectPropName, Value};
use jsonc_parser::common::Range;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};

use super::{ByteSpan, Entry, Kind, MAX_DEPTH, Node, ParseError, line_of};

/// Parse a single JSON value (objects, arrays, scalars) into a [`Node`].
/// Orders every object's keys alphabetically, in place. `serde_json::Map` is sorted by
/// default, but insertion-ordered when any crate in the build enables serde_json's
/// `preserve_order` (cfn-guard does, issue 15): values whose text must not depend on the
/// build (Terraform's `jsonencode`, reports) are sorted explicitly.
pub fn sort_keys(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            let mut entries: Vec<(String, serde_json::Value)> = std::mem::take(m).into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            for (k, mut x) in entries {
                sort_keys(&mut x);
                m.insert(k, x);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(sort_keys),
        _ => {}
    }
}

pub fn parse(src: &str) -> Result<Node, ParseError> {
    // Skip a UTF-8 BOM; all offsets stay relative to `src`.
    let bom = if src.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let text = &src[bom..];
    check_depth(text).map_err(|offset| ParseError {
        offset: offset + bom,
        message: format!("nesting deeper than {MAX_DEPTH} levels"),
    })?;

    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    // Trailing content after the value is rejected by jsonc-parser itself
    // ("Text cannot contain more than one JSON value").
    let parsed = parse_to_ast(text, &collect, &options).map_err(|e| ParseError {
        offset: e.range().start + bom,
        message: e.kind().to_string(),
    })?;
    let Some(value) = parsed.value else {
        return Err(ParseError {
            offset: src.len(),
            message: "expected a JSON value".to_string(),
        });
    };
    Converter { src, bom }.value(value)
}

/// Find the first bracket nested deeper than [`MAX_DEPTH`], skipping string
/// contents. Returns its byte offset as the error.
///
/// This only has to be conservative: it may count brackets jsonc-parser would
/// reject anyway (e.g. inside a comment or a single-quoted string), but it
/// never undercounts nesting that jsonc-parser would accept.
fn check_depth(text: &str) -> Result<(), usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Skip to the closing quote; a backslash escapes the next byte
                // (a multi-byte character's continuation bytes are never `"`).
                i += 1;
                while let Some(k) = bytes.get(i..).and_then(|rest| memchr::memchr2(b'"', b'\\', rest)) {
                    i += k;
                    if bytes[i] == b'"' {
                        break;
                    }
                    i += 2;
                }
                if bytes.get(i) != Some(&b'"') {
                    // An unterminated string: nothing more to count.
                    return Ok(());
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

struct Converter<'a> {
    src: &'a str,
    /// Length of the skipped BOM, added to every jsonc-parser range.
    bom: usize,
}

impl Converter<'_> {
    fn span(&self, range: Range) -> ByteSpan {
        let offset = |o: usize| u32::try_from(o + self.bom).unwrap_or(u32::MAX);
        ByteSpan {
            start: offset(range.start),
            end: offset(range.end),
        }
    }

    /// Convert a value. Recursion is bounded by [`check_depth`].
    fn value(&self, value: Value<'_>) -> Result<Node, ParseError> {
        let (range, kind) = match value {
            Value::StringLit(s) => (s.range, Kind::Str(s.value.into_owned())),
            Value::NumberLit(n) => (n.range, Kind::Number(n.value.to_string())),
            Value::BooleanLit(b) => (b.range, Kind::Bool(b.value)),
            Value::NullKeyword(n) => (n.range, Kind::Null),
            Value::Array(a) => {
                let items = a
                    .elements
                    .into_iter()
                    .map(|v| self.value(v))
                    .collect::<Result<_, _>>()?;
                (a.range, Kind::Seq(items))
            }
            Value::Object(o) => (o.range, Kind::Map(self.object(o)?)),
        };
        Ok(Node {
            span: self.span(range),
            tag: None,
            kind,
        })
    }

    fn object(&self, object: Object<'_>) -> Result<Vec<Entry>, ParseError> {
        let mut entries: Vec<Entry> = Vec::with_capacity(object.properties.len());
        // Large objects get a hash index for the duplicate check.
        let mut index: Option<HashMap<String, usize>> = (object.properties.len() > 16).then(HashMap::default);
        for prop in object.properties {
            let (key, key_range) = match prop.name {
                ObjectPropName::String(s) => (s.value.into_owned(), s.range),
                // Unreachable with `allow_loose_object_property_names: false`.
                ObjectPropName::Word(w) => (w.value.to_string(), w.range),
            };
            let key_span = self.span(key_range);
            let first = match &index {
                Some(index) => index.get(&key).copied(),
                None => entries.iter().position(|e| e.key == key),
            };
            if let Some(first) = first {
                let line = line_of(self.src, entries[first].key_span.start as usize);
                return Err(ParseError {
                    offset: key_span.start as usize,
                    message: format!("duplicate key {key:?} (first defined at line {line})"),
                });
            }
            if let Some(index) = &mut index {
                index.insert(key.clone(), entries.len());
            }
            let value = self.value(prop.value)?;
            entries.push(Entry { key, key_span, value });
        }
        Ok(entries)
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

    fn text(src: &str, span: ByteSpan) -> &str {
        &src[span.start as usize..span.end as usize]
    }

    #[test]
    fn values_and_spans() {
        let src = r#"{
  "Resources": {
    "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": true, "N": null}}
  },
  "List": [1, -0.5e10, 012, "s\"q"],
  "Account": 123456789012345678901234567890
}"#;
        // `012` is not JSON; check it is rejected, then parse the fixed text.
        assert!(parse(src).is_err());
        let src = src.replace("012,", "12,");
        let src = src.as_str();
        let root = ok(src);
        assert_eq!(
            root.span,
            ByteSpan {
                start: 0,
                end: src.len() as u32
            }
        );
        let trail = root.get("Resources").unwrap().get("Trail").unwrap();
        assert!(text(src, trail.span).starts_with("{\"Type\"") && text(src, trail.span).ends_with("}}"));
        let ty = trail.entry("Type").unwrap();
        assert_eq!(text(src, ty.key_span), "\"Type\"");
        assert_eq!(text(src, ty.value.span), "\"AWS::CloudTrail::Trail\"");
        assert_eq!(ty.value.kind, Kind::Str("AWS::CloudTrail::Trail".into()));
        assert_eq!(ty.value.tag, None);
        let props = trail.get("Properties").unwrap();
        assert_eq!(props.get("IsLogging").unwrap().kind, Kind::Bool(true));
        assert_eq!(props.get("N").unwrap().kind, Kind::Null);
        let list = root.get("List").unwrap();
        assert_eq!(text(src, list.span), "[1, -0.5e10, 12, \"s\\\"q\"]");
        let items = list.items();
        assert_eq!(items[1].kind, Kind::Number("-0.5e10".into()));
        assert_eq!(text(src, items[1].span), "-0.5e10");
        assert_eq!(items[3].kind, Kind::Str("s\"q".into()));
        assert_eq!(text(src, items[3].span), "\"s\\\"q\"");
        // Numbers keep their text, however large.
        let account = root.get("Account").unwrap();
        assert_eq!(account.kind, Kind::Number("123456789012345678901234567890".into()));
        assert_eq!(ok(" 42 ").kind, Kind::Number("42".into()));
        assert_eq!(ok("\"x\"").span, ByteSpan { start: 0, end: 3 });
    }

    #[test]
    fn non_ascii_offsets() {
        let src = "{\"名前\": \"日本\", \"é\": [\"\\u00e9\", \"x\"]}";
        let root = ok(src);
        let name = root.entry("名前").unwrap();
        assert_eq!(text(src, name.key_span), "\"名前\"");
        assert_eq!(text(src, name.value.span), "\"日本\"");
        let list = root.get("é").unwrap();
        assert_eq!(text(src, list.span), "[\"\\u00e9\", \"x\"]");
        assert_eq!(list.items()[0].kind, Kind::Str("é".into()));
        assert_eq!(text(src, list.items()[1].span), "\"x\"");
        let e = fail("{\"日本\": tru}");
        assert_eq!(e.offset, "{\"日本\": ".len());
    }

    #[test]
    fn byte_order_mark_and_crlf() {
        let src = "\u{feff}{\r\n  \"a\": \"é\",\r\n  \"b\": [1]\r\n}\r\n";
        let root = ok(src);
        assert_eq!(root.span.start, 3);
        let a = root.entry("a").unwrap();
        assert_eq!(a.key_span.start as usize, src.find("\"a\"").unwrap());
        assert_eq!(text(src, a.value.span), "\"é\"");
        assert_eq!(text(src, root.get("b").unwrap().span), "[1]");
        let e = fail("\u{feff}{\"a\" 1}");
        assert_eq!(e.offset, 3 + 5);
        assert_eq!(fail("\u{feff}").offset, 3);
    }

    #[test]
    fn duplicate_keys() {
        let src = "{\n  \"Foo\": 1,\n  \"Bar\": {\"Foo\": 2},\n  \"Foo\": 3\n}";
        let e = fail(src);
        assert_eq!(e.offset, src.rfind("\"Foo\"").unwrap());
        assert_eq!(e.message, "duplicate key \"Foo\" (first defined at line 2)");
        // Large objects use a hash index.
        let mut big: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        big.push("\"k7\": 0".into());
        let src = format!("{{{}}}", big.join(",\n"));
        let e = fail(&src);
        assert_eq!(e.offset, src.rfind("\"k7\"").unwrap());
        assert_eq!(e.message, "duplicate key \"k7\" (first defined at line 8)");
        // Keys are compared after unescaping.
        assert!(
            fail(r#"{"a": 1, "\u0061": 2}"#)
                .message
                .starts_with("duplicate key \"a\"")
        );
    }

    #[test]
    fn strictness() {
        for (src, offset) in [
            ("{\"a\": 1} x", 9),
            ("[1] [2]", 4),
            ("{\"a\": 1,}", 7),
            ("[1,]", 2),
            ("// c\n{}", 0),
            ("{} /* c */", 3),
            ("{'a': 1}", 1),
            ("{a: 1}", 1),
            ("[0x10]", 1),
            ("[+1]", 1),
            ("[.5]", 1),
            ("[NaN]", 1),
            ("[1 2]", 2),
            ("[\"\\x41\"]", 2),
            ("{\"a\" 1}", 5),
            ("[", 0),
            ("", 0),
            ("   ", 3),
        ] {
            let e = fail(src);
            assert_eq!(e.offset, offset, "{src:?}: {}", e.message);
            assert!(!e.message.is_empty());
        }
        assert_eq!(fail("[1] [2]").message, "Text cannot contain more than one JSON value");
    }

    #[test]
    fn depth_limit() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(MAX_DEPTH)).is_ok());
        let e = fail(&deep(MAX_DEPTH + 1));
        assert_eq!(
            (e.offset, e.message.as_str()),
            (MAX_DEPTH, "nesting deeper than 256 levels")
        );
        let objects = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
        assert!(parse(&objects(MAX_DEPTH)).is_ok());
        let src = objects(MAX_DEPTH + 1);
        assert_eq!(fail(&src).offset, MAX_DEPTH * 5);
        // Brackets inside strings (with escaped quotes) do not count.
        let s = format!("[\"{}\\\"{}\"]", "[".repeat(1000), "{".repeat(1000));
        assert!(parse(&s).is_ok());
        // The BOM is accounted for in the offset.
        let e = fail(&format!("\u{feff}{}", deep(MAX_DEPTH + 1)));
        assert_eq!(e.offset, MAX_DEPTH + 3);
    }

    #[test]
    fn very_deep_nesting_does_not_overflow() {
        let e = fail(&"[".repeat(1_000_000));
        assert_eq!(
            (e.offset, e.message.as_str()),
            (MAX_DEPTH, "nesting deeper than 256 levels")
        );
        let e = fail(&"{\"a\":".repeat(1_000_000));
        assert_eq!(e.offset, MAX_DEPTH * 5);
    }

    /// Deterministic pseudo-random garbage must never panic.
    #[test]
    fn garbage_does_not_panic() {
        const ALPHABET: &[&str] = &[
            "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "\\ud800", "a", "1", "-", ".", "e", "+", "0", " ", "\n",
            "\r", "\t", "true", "fals", "null", "/", "*", "'", "é", "日本", "\u{feff}", "\u{a0}", "\0",
        ];
        let seed = r#"{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [1, 2.5, true, null]}}}}"#;
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
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
                src.push_str(seed);
                for _ in 0..1 + next() % 3 {
                    let mut at = (next() % (src.len() as u64 + 1)) as usize;
                    while !src.is_char_boundary(at) {
                        at -= 1;
                    }
                    src.insert_str(at, ALPHABET[(next() % ALPHABET.len() as u64) as usize]);
                }
            }
            match parse(&src) {
                Ok(node) => assert!(node.span.end as usize <= src.len()),
                Err(e) => assert!(e.offset <= src.len(), "{src:?}: {e:?}"),
            }
        }
    }
}
