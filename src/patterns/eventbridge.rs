//! EventBridge event patterns (rules), parsed into an AST and evaluated on events.
//!
//! Semantics (AWS "Creating Amazon EventBridge event patterns", "Comparison operators for use
//! in event patterns", "Content filtering in Amazon EventBridge event patterns", and the
//! open-source matcher behind EventBridge, aws/event-ruler):
//!
//! * a pattern is a JSON object; every field named in it must match (AND); a field's value is
//!   either a nested object or an array of matchers, any of which may match (OR); fields the
//!   pattern does not name are ignored;
//! * when the event's value is an array, the field matches if any element matches; arrays of
//!   objects are "crushed": a nested pattern matches if any element object matches it as a
//!   whole (so two fields are never matched in two different elements);
//! * exact values are strings, numbers (compared numerically), `true`, `false` and `null`;
//!   matching is case-sensitive; "Null values and empty strings are not interchangeable";
//! * `prefix`, `suffix` (each optionally `{"equals-ignore-case": ..}`), `equals-ignore-case`,
//!   `wildcard` and `cidr` only match string values; `numeric` only matches JSON numbers;
//! * `exists` "only works on leaf nodes": an object value counts as absent, so
//!   `{"exists": false}` matches it and `{"exists": true}` does not; an empty array is absent;
//! * `anything-but` (a value, a list of only strings or only numbers, or `prefix`, `suffix`,
//!   `equals-ignore-case`, `wildcard`) matches a present value that is not excluded; a missing
//!   field does not match;
//! * `"$or": [{..}, {..}]` needs at least one alternative to match; as in event-ruler it is only
//!   an OR when the array holds two or more objects none of whose keys is an operator name
//!   (otherwise `$or` is an ordinary field name).
//!
//! Hostile patterns are bounded: nesting depth, number of matchers, wildcard stars and pattern
//! text size are limited at parse time; matching costs O(pattern size x event size) and the
//! wildcard matcher never backtracks.

use std::net::IpAddr;

use serde_json::{Map, Value};

use super::{Glob, PatternError};

/// Deepest nesting of objects (and `$or` alternatives) in a pattern.
const MAX_DEPTH: usize = 32;
/// Most matchers (array entries) in a whole pattern.
const MAX_MATCHERS: usize = 4_096;
/// Most `*` in one wildcard.
const MAX_WILDCARD_STARS: usize = 64;
/// Longest pattern text accepted by [`EventPattern::parse_str`].
const MAX_PATTERN_BYTES: usize = 256 * 1024;

/// Operator names; an object in a `$or` array that uses one of them as a key makes the `$or`
/// an ordinary field (event-ruler's rule).
const OPERATORS: [&str; 8] = [
    "prefix",
    "suffix",
    "anything-but",
    "numeric",
    "exists",
    "equals-ignore-case",
    "wildcard",
    "cidr",
];

/// A parsed EventBridge event pattern.
#[derive(Debug, Clone)]
pub struct EventPattern {
    root: ObjectPattern,
}

#[derive(Debug, Clone)]
struct ObjectPattern {
    fields: Vec<(String, FieldPattern)>,
    /// Each entry is one `$or`: at least one of its alternatives must match.
    any_of: Vec<Vec<ObjectPattern>>,
}

#[derive(Debug, Clone)]
enum FieldPattern {
    Leaf(Vec<Matcher>),
    Nested(ObjectPattern),
}

#[derive(Debug, Clone)]
enum Scalar {
    String(String),
    Number(f64),
    Bool(bool),
    Null,
}

#[derive(Debug, Clone)]
enum Matcher {
    Exact(Scalar),
    Prefix {
        text: String,
        fold: bool,
    },
    Suffix {
        text: String,
        fold: bool,
    },
    /// Lower-cased.
    EqualsIgnoreCase(String),
    Wildcard(Glob),
    AnythingBut(Exclusion),
    Numeric(Range),
    Exists(bool),
    Cidr(Cidr),
}

#[derive(Debug, Clone)]
enum Exclusion {
    /// Only strings or only numbers.
    Values(Vec<Scalar>),
    Prefix(String),
    Suffix(String),
    /// Lower-cased.
    IgnoreCase(Vec<String>),
    Wildcard(Vec<Glob>),
}

#[derive(Debug, Clone, Copy)]
struct Bound {
    value: f64,
    inclusive: bool,
}

#[derive(Debug, Clone, Copy)]
struct Range {
    lower: Option<Bound>,
    upper: Option<Bound>,
}

#[derive(Debug, Clone, Copy)]
struct Cidr {
    network: IpAddr,
    prefix_len: u8,
}

impl EventPattern {
    /// Parses an event pattern given as JSON. Errors have offset 0 and name the pattern path
    /// (such as `detail.eventName[1]`) in their message.
    pub fn parse(pattern: &Value) -> Result<EventPattern, PatternError> {
        let Value::Object(map) = pattern else {
            return Err(PatternError::new(
                0,
                format!("an event pattern must be a JSON object, found {}", kind(pattern)),
            ));
        };
        let mut parser = Parser { matchers: 0 };
        let root = parser.object(map, "", 0)?;
        Ok(EventPattern { root })
    }

    /// Parses an event pattern from its JSON text; JSON syntax errors carry the byte offset.
    pub fn parse_str(text: &str) -> Result<EventPattern, PatternError> {
        if text.len() > MAX_PATTERN_BYTES {
            return Err(PatternError::new(
                MAX_PATTERN_BYTES,
                format!(
                    "event pattern is too long ({} bytes; at most {MAX_PATTERN_BYTES})",
                    text.len()
                ),
            ));
        }
        let value: Value = serde_json::from_str(text)
            .map_err(|e| PatternError::new(byte_offset(text, e.line(), e.column()), format!("invalid JSON: {e}")))?;
        EventPattern::parse(&value)
    }

    /// Does the pattern match this event (the full EventBridge event, with `source`,
    /// `detail-type` and `detail`; see [`super::eventbridge_envelope`])?
    pub fn matches(&self, event: &Value) -> bool {
        self.root.matches(Some(event))
    }

    /// Does the pattern match this event, a console sign-in event also under the other
    /// `detail-type` spelling (services.md §5.3, §5.4: `AWS Console Sign In via CloudTrail`
    /// as CloudTrail-delivered events carry it, `AWS Console Signin via CloudTrail` as the
    /// EventBridge User Guide lists it)?
    pub fn matches_cloudtrail(&self, event: &Value) -> bool {
        if self.matches(event) {
            return true;
        }
        let Some(other) = event.get("detail-type").and_then(Value::as_str).and_then(|d| {
            super::SIGNIN_DETAIL_TYPES
                .iter()
                .find(|s| **s != d && super::SIGNIN_DETAIL_TYPES.contains(&d))
        }) else {
            return false;
        };
        let mut alt = event.clone();
        alt["detail-type"] = Value::String((*other).to_string());
        self.matches(&alt)
    }
}

/// Byte offset of a serde_json (1-based line, 1-based column) position.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let offset = (line_start + column.saturating_sub(1)).min(text.len());
    (0..=offset).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn located(path: &str, message: impl AsRef<str>) -> PatternError {
    let path = if path.is_empty() { "pattern" } else { path };
    PatternError::new(0, format!("{path}: {}", message.as_ref()))
}

// ---------------------------------------------------------------------------------------------
// Parsing

struct Parser {
    matchers: usize,
}

impl Parser {
    fn object(&mut self, map: &Map<String, Value>, path: &str, depth: usize) -> Result<ObjectPattern, PatternError> {
        if depth >= MAX_DEPTH {
            return Err(located(
                path,
                format!("pattern is nested too deeply (more than {MAX_DEPTH} levels)"),
            ));
        }
        if map.is_empty() {
            return Err(located(path, "an event pattern object must name at least one field"));
        }
        let mut pattern = ObjectPattern {
            fields: Vec::new(),
            any_of: Vec::new(),
        };
        for (key, value) in map {
            let here = join(path, key);
            if key == "$or"
                && let Some(alternatives) = or_alternatives(value)
            {
                if alternatives.len() < 2 {
                    return Err(located(&here, "'$or' needs at least two alternative objects"));
                }
                let mut parsed = Vec::with_capacity(alternatives.len());
                for (i, alternative) in alternatives.iter().enumerate() {
                    parsed.push(self.object(alternative, &format!("{here}[{i}]"), depth + 1)?);
                }
                pattern.any_of.push(parsed);
                continue;
            }
            let field = match value {
                Value::Array(items) => {
                    if items.is_empty() {
                        return Err(located(
                            &here,
                            "an empty array matches nothing; list at least one value",
                        ));
                    }
                    let mut matchers = Vec::with_capacity(items.len());
                    for (i, item) in items.iter().enumerate() {
                        self.matchers += 1;
                        if self.matchers > MAX_MATCHERS {
                            return Err(located(
                                &here,
                                format!("pattern has too many values (more than {MAX_MATCHERS})"),
                            ));
                        }
                        matchers.push(matcher(item, &format!("{here}[{i}]"))?);
                    }
                    FieldPattern::Leaf(matchers)
                }
                Value::Object(nested) => FieldPattern::Nested(self.object(nested, &here, depth + 1)?),
                other => {
                    return Err(located(
                        &here,
                        format!(
                            "a field's value must be an array of values (such as [\"x\"]) or an object, found {}",
                            kind(other)
                        ),
                    ));
                }
            };
            pattern.fields.push((key.clone(), field));
        }
        Ok(pattern)
    }
}

/// The objects of a `$or` array, when `$or` is used as the OR operator (an array of objects
/// none of which uses an operator name as a key).
fn or_alternatives(value: &Value) -> Option<Vec<&Map<String, Value>>> {
    let items = value.as_array()?;
    if items.is_empty() {
        return None;
    }
    let objects: Vec<&Map<String, Value>> = items.iter().map(Value::as_object).collect::<Option<_>>()?;
    let uses_operator = objects
        .iter()
        .any(|o| o.keys().any(|k| OPERATORS.contains(&k.as_str())));
    (!uses_operator).then_some(objects)
}

fn scalar(value: &Value) -> Option<Scalar> {
    Some(match value {
        Value::String(s) => Scalar::String(s.clone()),
        Value::Number(n) => Scalar::Number(n.as_f64()?),
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Null => Scalar::Null,
        Value::Array(_) | Value::Object(_) => return None,
    })
}

fn string_operand<'v>(value: &'v Value, path: &str, operator: &str) -> Result<&'v str, PatternError> {
    value
        .as_str()
        .ok_or_else(|| located(path, format!("'{operator}' needs a string, found {}", kind(value))))
}

/// One string or a non-empty list of strings.
fn string_list(value: &Value, path: &str, operator: &str) -> Result<Vec<String>, PatternError> {
    match value {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|item| string_operand(item, path, operator).map(str::to_string))
            .collect(),
        other => Err(located(
            path,
            format!(
                "'{operator}' needs a string or a list of strings, found {}",
                kind(other)
            ),
        )),
    }
}

/// `"x"` or `{"equals-ignore-case": "x"}` after `prefix` / `suffix`.
fn affix(value: &Value, path: &str, operator: &str) -> Result<(String, bool), PatternError> {
    match value {
        Value::String(s) => Ok((s.clone(), false)),
        Value::Object(map) if map.len() == 1 && map.contains_key("equals-ignore-case") => {
            let text = string_operand(&map["equals-ignore-case"], path, "equals-ignore-case")?;
            Ok((text.to_lowercase(), true))
        }
        other => Err(located(
            path,
            format!(
                "'{operator}' needs a string or {{\"equals-ignore-case\": \"...\"}}, found {}",
                kind(other)
            ),
        )),
    }
}

fn matcher(item: &Value, path: &str) -> Result<Matcher, PatternError> {
    let map = match item {
        Value::Object(map) => map,
        Value::Array(_) => return Err(located(path, "a value list cannot contain an array")),
        other => {
            return scalar(other)
                .map(Matcher::Exact)
                .ok_or_else(|| located(path, "number out of range"));
        }
    };
    let mut entries = map.iter();
    let (Some((operator, operand)), None) = (entries.next(), entries.next()) else {
        return Err(located(
            path,
            "a matcher object must have exactly one operator, such as {\"prefix\": \"x\"}",
        ));
    };
    Ok(match operator.as_str() {
        "prefix" => {
            let (text, fold) = affix(operand, path, "prefix")?;
            Matcher::Prefix { text, fold }
        }
        "suffix" => {
            let (text, fold) = affix(operand, path, "suffix")?;
            Matcher::Suffix { text, fold }
        }
        "equals-ignore-case" => {
            Matcher::EqualsIgnoreCase(string_operand(operand, path, "equals-ignore-case")?.to_lowercase())
        }
        "wildcard" => Matcher::Wildcard(wildcard(string_operand(operand, path, "wildcard")?, path)?),
        "anything-but" => Matcher::AnythingBut(exclusion(operand, path)?),
        "numeric" => Matcher::Numeric(range(operand, path)?),
        "exists" => match operand {
            Value::Bool(b) => Matcher::Exists(*b),
            other => {
                return Err(located(
                    path,
                    format!("'exists' needs true or false, found {}", kind(other)),
                ));
            }
        },
        "cidr" => Matcher::Cidr(cidr(string_operand(operand, path, "cidr")?, path)?),
        other => {
            return Err(located(
                path,
                format!(
                    "unknown operator '{other}' (expected one of prefix, suffix, equals-ignore-case, wildcard, \
                     anything-but, numeric, exists, cidr)"
                ),
            ));
        }
    })
}

/// A wildcard: `*` is any run of characters; `\*` is a literal star and `\\` a backslash; other
/// escapes and consecutive `**` are rejected, as EventBridge does.
fn wildcard(text: &str, path: &str) -> Result<Glob, PatternError> {
    let mut pieces = vec![String::new()];
    let mut chars = text.chars().peekable();
    let mut previous_star = false;
    while let Some(c) = chars.next() {
        match c {
            '*' => {
                if previous_star {
                    return Err(located(path, "consecutive wildcard characters '**' are not allowed"));
                }
                if pieces.len() > MAX_WILDCARD_STARS {
                    return Err(located(
                        path,
                        format!("wildcard has too many '*' (more than {MAX_WILDCARD_STARS})"),
                    ));
                }
                pieces.push(String::new());
                previous_star = true;
                continue;
            }
            '\\' => match chars.next() {
                Some(escaped @ ('*' | '\\')) => pieces.last_mut().expect("one piece").push(escaped),
                _ => return Err(located(path, "in a wildcard, '\\' may only escape '*' or '\\'")),
            },
            other => pieces.last_mut().expect("one piece").push(other),
        }
        previous_star = false;
    }
    Ok(Glob::from_pieces(pieces, false))
}

fn exclusion(operand: &Value, path: &str) -> Result<Exclusion, PatternError> {
    match operand {
        Value::String(_) | Value::Number(_) => Ok(Exclusion::Values(vec![
            scalar(operand).ok_or_else(|| located(path, "number out of range"))?,
        ])),
        Value::Array(items) => {
            if items.is_empty() {
                return Err(located(path, "'anything-but' needs at least one value"));
            }
            let all_strings = items.iter().all(Value::is_string);
            let all_numbers = items.iter().all(Value::is_number);
            if !all_strings && !all_numbers {
                return Err(located(
                    path,
                    "an 'anything-but' list must contain only strings or only numbers",
                ));
            }
            let values = items.iter().map(scalar).collect::<Option<Vec<_>>>();
            Ok(Exclusion::Values(
                values.ok_or_else(|| located(path, "number out of range"))?,
            ))
        }
        Value::Object(map) if map.len() == 1 => {
            let (operator, inner) = map.iter().next().expect("one entry");
            Ok(match operator.as_str() {
                "prefix" => Exclusion::Prefix(string_operand(inner, path, "prefix")?.to_string()),
                "suffix" => Exclusion::Suffix(string_operand(inner, path, "suffix")?.to_string()),
                "equals-ignore-case" => Exclusion::IgnoreCase(
                    string_list(inner, path, "equals-ignore-case")?
                        .iter()
                        .map(|s| s.to_lowercase())
                        .collect(),
                ),
                "wildcard" => Exclusion::Wildcard(
                    string_list(inner, path, "wildcard")?
                        .iter()
                        .map(|w| wildcard(w, path))
                        .collect::<Result<_, _>>()?,
                ),
                other => {
                    return Err(located(
                        path,
                        format!(
                            "'anything-but' cannot contain '{other}' (expected prefix, suffix, equals-ignore-case or wildcard)"
                        ),
                    ));
                }
            })
        }
        other => Err(located(
            path,
            format!(
                "'anything-but' needs a string, a number, a list, or one of prefix/suffix/equals-ignore-case/wildcard, found {}",
                kind(other)
            ),
        )),
    }
}

/// `["=", 5]`, or one or two bounds such as `[">", 0, "<=", 5]`.
fn range(operand: &Value, path: &str) -> Result<Range, PatternError> {
    let bad = |why: &str| {
        located(
            path,
            format!("malformed 'numeric' ({why}); expected e.g. [\">\", 0, \"<=\", 5] or [\"=\", 3]"),
        )
    };
    let items = operand.as_array().ok_or_else(|| bad("not a list"))?;
    if items.is_empty() || items.len() % 2 != 0 || items.len() > 4 {
        return Err(bad("wrong number of elements"));
    }
    let mut result = Range {
        lower: None,
        upper: None,
    };
    for pair in items.chunks(2) {
        let op = pair[0].as_str().ok_or_else(|| bad("an operator must be a string"))?;
        let value = pair[1].as_f64().ok_or_else(|| bad("a bound must be a number"))?;
        match op {
            "=" => {
                if items.len() != 2 {
                    return Err(bad("'=' cannot be combined with other operators"));
                }
                let bound = Some(Bound { value, inclusive: true });
                result = Range {
                    lower: bound,
                    upper: bound,
                };
            }
            ">" | ">=" => {
                if result.lower.is_some() {
                    return Err(bad("two lower bounds"));
                }
                result.lower = Some(Bound {
                    value,
                    inclusive: op == ">=",
                });
            }
            "<" | "<=" => {
                if result.upper.is_some() {
                    return Err(bad("two upper bounds"));
                }
                result.upper = Some(Bound {
                    value,
                    inclusive: op == "<=",
                });
            }
            other => return Err(bad(&format!("unknown operator '{other}'"))),
        }
    }
    if let (Some(lower), Some(upper)) = (result.lower, result.upper)
        && lower.value > upper.value
    {
        return Err(bad("the lower bound is above the upper bound"));
    }
    Ok(result)
}

fn cidr(text: &str, path: &str) -> Result<Cidr, PatternError> {
    let bad = || located(path, format!("'{text}' is not a CIDR block such as \"10.0.0.0/24\""));
    let (address, length) = text.split_once('/').ok_or_else(bad)?;
    let network: IpAddr = address.parse().map_err(|_| bad())?;
    let prefix_len: u8 = length.parse().map_err(|_| bad())?;
    let max = if network.is_ipv4() { 32 } else { 128 };
    if prefix_len > max {
        return Err(bad());
    }
    Ok(Cidr { network, prefix_len })
}

// ---------------------------------------------------------------------------------------------
// Matching

/// The leaf values of an event value: scalars, and the scalars inside (nested) arrays. Objects
/// are not leaves. Iterative, so hostile nesting cannot overflow the stack.
fn leaves(value: Option<&Value>) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = value.into_iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(_) => {}
            scalar => out.push(scalar),
        }
    }
    out
}

/// The objects of an event value: the value itself, or the objects inside (nested) arrays.
fn objects(value: Option<&Value>) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = value.into_iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(_) => out.push(v),
            _ => {}
        }
    }
    out
}

impl ObjectPattern {
    /// `event` is the event value at this level (`None` when absent). Recursion depth is
    /// bounded by the pattern depth (at most `MAX_DEPTH`).
    fn matches(&self, event: Option<&Value>) -> bool {
        let map = event.and_then(Value::as_object);
        self.fields
            .iter()
            .all(|(key, field)| field.matches(map.and_then(|m| m.get(key))))
            && self
                .any_of
                .iter()
                .all(|alternatives| alternatives.iter().any(|alt| alt.matches(event)))
    }
}

impl FieldPattern {
    fn matches(&self, value: Option<&Value>) -> bool {
        match self {
            FieldPattern::Leaf(matchers) => {
                let leaves = leaves(value);
                matchers.iter().any(|m| m.matches(&leaves))
            }
            FieldPattern::Nested(pattern) => {
                let candidates = objects(value);
                if candidates.is_empty() {
                    pattern.matches(None)
                } else {
                    candidates.into_iter().any(|object| pattern.matches(Some(object)))
                }
            }
        }
    }
}

impl Matcher {
    fn matches(&self, leaves: &[&Value]) -> bool {
        match self {
            Matcher::Exists(expected) => leaves.is_empty() != *expected,
            Matcher::AnythingBut(exclusion) => leaves.iter().any(|v| !exclusion.excludes(v)),
            other => leaves.iter().any(|v| other.matches_one(v)),
        }
    }

    fn matches_one(&self, value: &Value) -> bool {
        match self {
            Matcher::Exact(expected) => scalar_equals(expected, value),
            Matcher::Numeric(range) => value.as_f64().is_some_and(|n| value.is_number() && range.contains(n)),
            Matcher::Exists(_) | Matcher::AnythingBut(_) => false,
            string_matcher => {
                let Some(text) = value.as_str() else { return false };
                match string_matcher {
                    Matcher::Prefix {
                        text: prefix,
                        fold: false,
                    } => text.starts_with(prefix.as_str()),
                    Matcher::Prefix {
                        text: prefix,
                        fold: true,
                    } => text.to_lowercase().starts_with(prefix.as_str()),
                    Matcher::Suffix {
                        text: suffix,
                        fold: false,
                    } => text.ends_with(suffix.as_str()),
                    Matcher::Suffix {
                        text: suffix,
                        fold: true,
                    } => text.to_lowercase().ends_with(suffix.as_str()),
                    Matcher::EqualsIgnoreCase(expected) => text.to_lowercase() == *expected,
                    Matcher::Wildcard(glob) => glob.is_match(text),
                    Matcher::Cidr(block) => text.parse::<IpAddr>().is_ok_and(|ip| block.contains(ip)),
                    _ => false,
                }
            }
        }
    }
}

fn scalar_equals(expected: &Scalar, value: &Value) -> bool {
    match (expected, value) {
        (Scalar::String(s), Value::String(v)) => s == v,
        (Scalar::Number(n), Value::Number(v)) => v.as_f64() == Some(*n),
        (Scalar::Bool(b), Value::Bool(v)) => b == v,
        (Scalar::Null, Value::Null) => true,
        _ => false,
    }
}

impl Exclusion {
    fn excludes(&self, value: &Value) -> bool {
        match self {
            Exclusion::Values(values) => values.iter().any(|s| scalar_equals(s, value)),
            Exclusion::Prefix(prefix) => value.as_str().is_some_and(|t| t.starts_with(prefix.as_str())),
            Exclusion::Suffix(suffix) => value.as_str().is_some_and(|t| t.ends_with(suffix.as_str())),
            Exclusion::IgnoreCase(values) => value.as_str().is_some_and(|t| values.contains(&t.to_lowercase())),
            Exclusion::Wildcard(globs) => value.as_str().is_some_and(|t| globs.iter().any(|g| g.is_match(t))),
        }
    }
}

impl Range {
    fn contains(&self, n: f64) -> bool {
        let above = self
            .lower
            .is_none_or(|b| if b.inclusive { n >= b.value } else { n > b.value });
        let below = self
            .upper
            .is_none_or(|b| if b.inclusive { n <= b.value } else { n < b.value });
        above && below
    }
}

impl Cidr {
    fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix_len)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix_len)).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pattern(value: Value) -> EventPattern {
        EventPattern::parse(&value).unwrap_or_else(|e| panic!("{value} should parse: {e}"))
    }

    fn matches(p: Value, event: &Value) -> bool {
        pattern(p).matches(event)
    }

    fn error(value: Value) -> String {
        match EventPattern::parse(&value) {
            Ok(_) => panic!("{value} should not parse"),
            Err(e) => e.message,
        }
    }

    /// The EC2 example event of the EventBridge and event-ruler documentation.
    fn ec2_event() -> Value {
        json!({
            "version": "0",
            "id": "ddddd4-aaaa-7777-4444-345dd43cc333",
            "detail-type": "EC2 Instance State-change Notification",
            "source": "aws.ec2",
            "account": "012345679012",
            "time": "2017-10-02T16:24:49Z",
            "region": "us-east-1",
            "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
            "detail": {
                "c-count": 5,
                "d-count": 3,
                "x-limit": 301.8,
                "source-ip": "10.0.0.33",
                "instance-id": "i-000000aaaaaa00000",
                "state": "running",
                "FileName": "photo.PNG",
                "nothing": null,
                "empty": "",
                "tags": ["urgent", "backend"],
                "flag": false
            }
        })
    }

    #[test]
    fn exact_values() {
        let e = ec2_event();
        assert!(matches(json!({"source": ["aws.ec2"]}), &e));
        assert!(matches(json!({"source": ["aws.s3", "aws.ec2"]}), &e));
        assert!(!matches(json!({"source": ["AWS.EC2"]}), &e), "case-sensitive");
        assert!(matches(json!({"detail": {"c-count": [5]}}), &e));
        assert!(
            matches(json!({"detail": {"c-count": [5.0]}}), &e),
            "numbers compare numerically"
        );
        assert!(
            !matches(json!({"detail": {"c-count": ["5"]}}), &e),
            "a string is not a number"
        );
        assert!(matches(json!({"detail": {"nothing": [null]}}), &e));
        assert!(
            !matches(json!({"detail": {"empty": [null]}}), &e),
            "null and empty string are not interchangeable"
        );
        assert!(matches(json!({"detail": {"empty": [""]}}), &e));
        assert!(!matches(json!({"detail": {"nothing": [""]}}), &e));
        assert!(matches(json!({"detail": {"flag": [false]}}), &e));
        assert!(!matches(json!({"detail": {"flag": ["false"]}}), &e));
        assert!(!matches(json!({"detail": {"absent": ["x"]}}), &e));
        assert!(matches(
            json!({"detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["initializing", "running"]}}),
            &e
        ));
        assert!(
            !matches(json!({"source": ["aws.ec2"], "detail": {"state": ["stopped"]}}), &e),
            "all fields must match"
        );
    }

    #[test]
    fn arrays_in_events_match_any_element() {
        let e = ec2_event();
        assert!(matches(
            json!({"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"]}),
            &e
        ));
        assert!(matches(json!({"detail": {"tags": ["backend"]}}), &e));
        assert!(matches(json!({"detail": {"tags": [{"prefix": "urg"}]}}), &e));
        assert!(!matches(json!({"detail": {"tags": ["frontend"]}}), &e));
        assert!(
            matches(json!({"detail": {"tags": [{"anything-but": "urgent"}]}}), &e),
            "backend is not urgent"
        );
        assert!(!matches(
            json!({"detail": {"tags": [{"anything-but": ["urgent", "backend"]}]}}),
            &e
        ));
        let employees = json!({"employees": [
            {"firstName": "John", "lastName": "Doe"},
            {"firstName": "Anna", "lastName": "Smith"},
            {"firstName": "Peter", "lastName": "Jones"}
        ]});
        assert!(matches(json!({"employees": {"firstName": ["Anna"]}}), &employees));
        assert!(matches(
            json!({"employees": {"firstName": ["Anna"], "lastName": ["Smith"]}}),
            &employees
        ));
        assert!(
            !matches(
                json!({"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}}),
                &employees
            ),
            "fields in different array elements never combine"
        );
        let nested = json!({"employees": [[{"firstName": "John"}], [{"firstName": "Peter"}]], "ids": [[1, 2], [3]]});
        assert!(matches(json!({"employees": {"firstName": ["Peter"]}}), &nested));
        assert!(matches(json!({"ids": [3]}), &nested));
    }

    #[test]
    fn prefix_suffix_and_ignore_case() {
        let e = ec2_event();
        assert!(matches(json!({"time": [{"prefix": "2017-10-02"}]}), &e));
        assert!(!matches(json!({"time": [{"prefix": "2017-10-03"}]}), &e));
        assert!(
            !matches(json!({"detail": {"c-count": [{"prefix": "5"}]}}), &e),
            "prefix only matches strings"
        );
        assert!(matches(json!({"source": [{"suffix": "ec2"}]}), &e));
        assert!(!matches(json!({"detail": {"FileName": [{"suffix": ".png"}]}}), &e));
        assert!(matches(
            json!({"detail": {"FileName": [{"suffix": {"equals-ignore-case": ".png"}}]}}),
            &e
        ));
        assert!(matches(
            json!({"source": [{"prefix": {"equals-ignore-case": "AWS."}}]}),
            &e
        ));
        assert!(!matches(
            json!({"source": [{"prefix": {"equals-ignore-case": "AWS.S3"}}]}),
            &e
        ));
        assert!(matches(json!({"source": [{"equals-ignore-case": "AWS.EC2"}]}), &e));
        assert!(!matches(json!({"source": [{"equals-ignore-case": "AWS.EC"}]}), &e));
        assert!(matches(json!({"source": [{"prefix": ""}]}), &e));
    }

    #[test]
    fn wildcards() {
        let e = json!({"source": "SimpleQueueService", "path": "dir/a/photo.png", "star": "a*b", "slash": "a\\b"});
        assert!(matches(json!({"source": [{"wildcard": "Simple*Service"}]}), &e));
        assert!(matches(json!({"source": [{"wildcard": "*Queue*"}]}), &e));
        assert!(matches(json!({"source": [{"wildcard": "*"}]}), &e));
        assert!(!matches(json!({"source": [{"wildcard": "Simple*service"}]}), &e));
        assert!(matches(json!({"path": [{"wildcard": "dir/*.png"}]}), &e));
        assert!(!matches(json!({"path": [{"wildcard": "dir/*.jpg"}]}), &e));
        assert!(
            matches(json!({"star": [{"wildcard": "a\\*b"}]}), &e),
            "escaped star is literal"
        );
        assert!(!matches(json!({"source": [{"wildcard": "Simple\\*Service"}]}), &e));
        assert!(matches(json!({"slash": [{"wildcard": "a\\\\b"}]}), &e));
        assert!(error(json!({"source": [{"wildcard": "a**b"}]})).contains("consecutive wildcard"));
        assert!(error(json!({"source": [{"wildcard": "a\\b"}]})).contains("may only escape"));
        assert!(error(json!({"source": [{"wildcard": "*a".repeat(100)}]})).contains("too many '*'"));
    }

    #[test]
    fn anything_but() {
        let e = ec2_event();
        assert!(matches(
            json!({"detail": {"state": [{"anything-but": "initializing"}]}}),
            &e
        ));
        assert!(!matches(
            json!({"detail": {"state": [{"anything-but": "running"}]}}),
            &e
        ));
        assert!(matches(
            json!({"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}}),
            &e
        ));
        assert!(!matches(
            json!({"detail": {"state": [{"anything-but": ["stopped", "running"]}]}}),
            &e
        ));
        assert!(matches(json!({"detail": {"x-limit": [{"anything-but": 123}]}}), &e));
        assert!(matches(
            json!({"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}}),
            &e
        ));
        assert!(!matches(
            json!({"detail": {"x-limit": [{"anything-but": [301.8]}]}}),
            &e
        ));
        assert!(!matches(
            json!({"detail": {"state": [{"anything-but": {"prefix": "run"}}]}}),
            &e
        ));
        assert!(matches(
            json!({"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}),
            &e
        ));
        assert!(!matches(json!({"region": [{"anything-but": {"prefix": "us-"}}]}), &e));
        assert!(!matches(
            json!({"detail": {"FileName": [{"anything-but": {"suffix": ".PNG"}}]}}),
            &e
        ));
        assert!(matches(
            json!({"detail": {"FileName": [{"anything-but": {"suffix": ".png"}}]}}),
            &e
        ));
        assert!(!matches(
            json!({"detail": {"state": [{"anything-but": {"equals-ignore-case": "RUNNING"}}]}}),
            &e
        ));
        assert!(!matches(
            json!({"detail": {"state": [{"anything-but": {"equals-ignore-case": ["Stopped", "RUNNING"]}}]}}),
            &e
        ));
        assert!(matches(
            json!({"detail": {"state": [{"anything-but": {"equals-ignore-case": ["Stopped"]}}]}}),
            &e
        ));
        assert!(!matches(
            json!({"detail": {"FileName": [{"anything-but": {"wildcard": "*.PNG"}}]}}),
            &e
        ));
        assert!(matches(
            json!({"detail": {"FileName": [{"anything-but": {"wildcard": ["*/lib/*", "*.gif"]}}]}}),
            &e
        ));
        assert!(
            !matches(json!({"detail": {"absent": [{"anything-but": "x"}]}}), &e),
            "a missing field does not match"
        );
        assert!(
            matches(json!({"detail": {"c-count": [{"anything-but": "5"}]}}), &e),
            "the number 5 is not the string \"5\""
        );
        assert!(error(json!({"a": [{"anything-but": ["x", 1]}]})).contains("only strings or only numbers"));
        assert!(error(json!({"a": [{"anything-but": []}]})).contains("at least one value"));
        assert!(error(json!({"a": [{"anything-but": null}]})).contains("needs a string"));
        assert!(error(json!({"a": [{"anything-but": {"numeric": [">", 1]}}]})).contains("cannot contain 'numeric'"));
    }

    #[test]
    fn numeric() {
        let e = ec2_event();
        assert!(matches(
            json!({"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}),
            &e
        ));
        assert!(!matches(
            json!({"detail": {"c-count": [{"numeric": [">", 0, "<", 5]}]}}),
            &e
        ));
        assert!(matches(json!({"detail": {"d-count": [{"numeric": ["<", 10]}]}}), &e));
        assert!(matches(
            json!({"detail": {"x-limit": [{"numeric": ["=", 3.018e2]}]}}),
            &e
        ));
        assert!(matches(
            json!({"detail": {"x-limit": [{"numeric": [">=", 301.8]}]}}),
            &e
        ));
        assert!(!matches(
            json!({"detail": {"x-limit": [{"numeric": [">", 301.8]}]}}),
            &e
        ));
        assert!(
            matches(json!({"detail": {"c-count": [{"numeric": ["<=", 10, ">", 4]}]}}), &e),
            "bounds in any order"
        );
        assert!(
            !matches(json!({"detail": {"state": [{"numeric": [">", 0]}]}}), &e),
            "only JSON numbers"
        );
        assert!(
            !matches(json!({"account": [{"numeric": [">", 0]}]}), &e),
            "a numeric string is not a number"
        );
        for bad in [
            json!([]),
            json!([">"]),
            json!(["=", 1, "<", 2]),
            json!([">", 1, ">", 2]),
            json!(["~", 1]),
            json!([">", "1"]),
            json!([">", 5, "<", 1]),
            json!("5"),
        ] {
            assert!(
                error(json!({"a": [{"numeric": bad.clone()}]})).contains("malformed 'numeric'"),
                "{bad}"
            );
        }
    }

    #[test]
    fn exists() {
        let e = ec2_event();
        assert!(matches(json!({"detail": {"c-count": [{"exists": true}]}}), &e));
        assert!(!matches(json!({"detail": {"c-count": [{"exists": false}]}}), &e));
        assert!(matches(json!({"detail": {"missing": [{"exists": false}]}}), &e));
        assert!(
            matches(json!({"detail": {"nothing": [{"exists": true}]}}), &e),
            "a null value exists"
        );
        assert!(matches(json!({"absent": {"deeper": [{"exists": false}]}}), &e));
        // "Exists matching only works on leaf nodes. It does not work on intermediate nodes."
        let intermediate = json!({"detail": {"state": "running", "c-count": {"c1": 100}}});
        assert!(matches(
            json!({"detail": {"c-count": [{"exists": false}]}}),
            &intermediate
        ));
        assert!(!matches(
            json!({"detail": {"c-count": [{"exists": true}]}}),
            &intermediate
        ));
        assert!(
            matches(json!({"x": [{"exists": false}]}), &json!({"x": []})),
            "an empty array holds no value"
        );
        assert!(matches(json!({"x": [{"exists": false}, "a"]}), &json!({"x": "a"})));
        assert!(error(json!({"x": [{"exists": "yes"}]})).contains("true or false"));
    }

    #[test]
    fn cidr() {
        let e = json!({"detail": {"sourceIPAddress": "10.0.0.33", "v6": "2001:db8::1", "host": "s3.amazonaws.com"}});
        assert!(matches(
            json!({"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}}),
            &e
        ));
        assert!(!matches(
            json!({"detail": {"sourceIPAddress": [{"cidr": "10.0.1.0/24"}]}}),
            &e
        ));
        assert!(matches(
            json!({"detail": {"sourceIPAddress": [{"cidr": "0.0.0.0/0"}]}}),
            &e
        ));
        assert!(matches(json!({"detail": {"v6": [{"cidr": "2001:db8::/32"}]}}), &e));
        assert!(!matches(json!({"detail": {"v6": [{"cidr": "10.0.0.0/8"}]}}), &e));
        assert!(!matches(json!({"detail": {"host": [{"cidr": "10.0.0.0/8"}]}}), &e));
        assert!(error(json!({"a": [{"cidr": "10.0.0.0/33"}]})).contains("not a CIDR block"));
        assert!(error(json!({"a": [{"cidr": "10.0.0.0"}]})).contains("not a CIDR block"));
    }

    #[test]
    fn or_combinations() {
        let e = json!({"source": "aws.cloudwatch", "metricName": "CPUUtilization", "namespace": "AWS/EC2",
                       "detail": {"source": "x", "detail-type": "CloudWatch Alarm State Change"}});
        assert!(matches(
            json!({"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/ES"]}]}),
            &e
        ));
        assert!(matches(
            json!({"$or": [{"metricName": ["Nope"]}, {"namespace": ["AWS/EC2"]}]}),
            &e
        ));
        assert!(!matches(
            json!({"$or": [{"metricName": ["Nope"]}, {"namespace": ["AWS/ES"]}]}),
            &e
        ));
        assert!(matches(
            json!({
                "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/ES"]}],
                "detail": {"$or": [{"source": ["aws.cloudwatch"]}, {"detail-type": ["CloudWatch Alarm State Change"]}]}
            }),
            &e
        ));
        assert!(matches(
            json!({"source": ["aws.cloudwatch"], "$or": [
                {"metricName": ["Nope"]},
                {"namespace": ["AWS/EC2"], "$or": [{"metricId": [1234]}, {"metricName": ["CPUUtilization"]}]}
            ]}),
            &e
        ));
        // `$or` whose objects use operator names is an ordinary field (event-ruler's rule).
        let literal = json!({"$or": "x"});
        assert!(matches(json!({"$or": [{"prefix": "x"}]}), &literal));
        assert!(matches(json!({"$or": ["x"]}), &literal));
        assert!(error(json!({"$or": [{"a": ["x"]}]})).contains("at least two alternative"));
    }

    #[test]
    fn parse_errors_name_the_path() {
        for (pattern, message) in [
            (json!("source"), "must be a JSON object"),
            (json!({}), "at least one field"),
            (
                json!({"detail": {}}),
                "detail: an event pattern object must name at least one field",
            ),
            (json!({"source": "aws.ec2"}), "source: a field's value must be an array"),
            (json!({"source": []}), "source: an empty array"),
            (
                json!({"source": [["a"]]}),
                "source[0]: a value list cannot contain an array",
            ),
            (
                json!({"detail": {"eventName": ["a", {"prefx": "b"}]}}),
                "detail.eventName[1]: unknown operator 'prefx'",
            ),
            (json!({"a": [{}]}), "exactly one operator"),
            (json!({"a": [{"prefix": "x", "suffix": "y"}]}), "exactly one operator"),
            (json!({"a": [{"prefix": 1}]}), "'prefix' needs a string"),
            (
                json!({"a": [{"prefix": {"equals-ignore-case": 1}}]}),
                "'equals-ignore-case' needs a string",
            ),
            (
                json!({"a": [{"suffix": {"wildcard": "x"}}]}),
                "'suffix' needs a string or",
            ),
            (
                json!({"a": [{"equals-ignore-case": ["x"]}]}),
                "'equals-ignore-case' needs a string",
            ),
        ] {
            let got = error(pattern.clone());
            assert!(got.contains(message), "{pattern}: {got:?} lacks {message:?}");
        }
        let err = EventPattern::parse_str("{\"source\": [\"aws.ec2\"],\n \"detail\": {\"x\": [1,]}}")
            .expect_err("invalid JSON");
        assert!(err.message.starts_with("invalid JSON"), "{}", err.message);
        assert_eq!(err.offset, 44, "the offset of the ']' after the trailing comma");
        assert!(EventPattern::parse_str(r#"{"source": ["aws.ec2"]}"#).is_ok());
        assert!(EventPattern::parse_str(&"x".repeat(MAX_PATTERN_BYTES + 1)).is_err());
    }

    #[test]
    fn hostile_patterns_are_bounded() {
        let mut deep = json!(["x"]);
        for _ in 0..100 {
            deep = json!({ "a": deep });
        }
        assert!(error(deep).contains("nested too deeply"));
        let many: Vec<Value> = (0..5_000).map(|i| json!(i)).collect();
        assert!(error(json!({ "a": many })).contains("too many values"));
        // Wildcard matching stays fast on adversarial text.
        let glob = format!("*{}b", "a*".repeat(60));
        let p = pattern(json!({ "s": [{ "wildcard": glob }] }));
        let started = std::time::Instant::now();
        assert!(!p.matches(&json!({ "s": "a".repeat(200_000) })));
        assert!(started.elapsed().as_secs() < 5);
        // Deeply nested event arrays are walked without recursion.
        let mut event = json!("x");
        for _ in 0..10_000 {
            event = Value::Array(vec![event]);
        }
        // (Not `json!`: it would re-serialize the value recursively.)
        let event = Value::Object(Map::from_iter([("a".to_string(), event)]));
        assert!(pattern(json!({"a": ["x"]})).matches(&event));
        assert!(!pattern(json!({"a": {"b": ["x"]}})).matches(&event));
        // Leak the nested value: dropping it recursively is serde_json's business, not ours.
        std::mem::forget(event);
    }

    #[test]
    fn cloudtrail_rules_on_envelopes() {
        let record = json!({"eventSource": "cloudtrail.amazonaws.com", "eventName": "StopLogging", "eventType": "AwsApiCall",
                            "recipientAccountId": "123456789012", "awsRegion": "eu-west-1", "userIdentity": {"type": "IAMUser"}});
        let event = super::super::eventbridge_envelope(&record);
        let rule = json!({"source": ["aws.cloudtrail"], "detail-type": ["AWS API Call via CloudTrail"],
                          "detail": {"eventName": ["StopLogging", "DeleteTrail", "UpdateTrail", "CreateTrail", "StartLogging"]}});
        assert!(matches(rule, &event));
        assert!(!matches(
            json!({"source": ["aws.cloudtrail"], "detail": {"eventName": ["DeleteTrail"]}}),
            &event
        ));
        assert!(matches(
            json!({"detail": {"userIdentity": {"type": ["IAMUser"]}}}),
            &event
        ));
        assert!(matches(
            json!({"account": ["123456789012"], "region": [{"prefix": "eu-"}]}),
            &event
        ));
    }

    #[test]
    fn fuzzed_patterns_never_panic() {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let keys = ["source", "detail", "$or", "eventName", "x", "prefix", "detail-type"];
        let strings = [
            "aws.ec2",
            "*",
            "a*b",
            "**",
            "\\",
            "10.0.0.0/8",
            "=",
            ">",
            "<=",
            "",
            "StopLogging",
            "é",
        ];
        // Mostly well-shaped patterns (objects of arrays of values and operator objects), with
        // random junk mixed in so every error path is exercised too.
        fn junk(next: &mut dyn FnMut() -> u64, strings: &[&str], depth: u32) -> Value {
            match next() % if depth > 3 { 4 } else { 6 } {
                0 => Value::Null,
                1 => Value::Bool(next().is_multiple_of(2)),
                2 => json!((next() % 2001) as i64 - 1000),
                3 => json!(strings[(next() % strings.len() as u64) as usize]),
                4 => Value::Array((0..next() % 3).map(|_| junk(next, strings, depth + 1)).collect()),
                _ => json!({ strings[(next() % strings.len() as u64) as usize]: junk(next, strings, depth + 1) }),
            }
        }
        fn matcher(next: &mut dyn FnMut() -> u64, strings: &[&str]) -> Value {
            let mut s = || json!(strings[(next() % strings.len() as u64) as usize]);
            let text = s();
            match next() % 14 {
                0 => text,
                1 => json!((next() % 200) as i64 - 100),
                2 => Value::Null,
                3 => json!({"prefix": text}),
                4 => json!({"suffix": {"equals-ignore-case": text}}),
                5 => json!({"wildcard": text}),
                6 => json!({"anything-but": text}),
                7 => json!({"anything-but": {"prefix": text}}),
                8 => json!({"anything-but": [1, 2]}),
                9 => json!({"numeric": [">", (next() % 10) as i64, "<=", (next() % 20) as i64]}),
                10 => json!({"exists": next().is_multiple_of(2)}),
                11 => json!({"cidr": text}),
                12 => json!({"equals-ignore-case": text}),
                _ => junk(next, strings, 0),
            }
        }
        fn object(next: &mut dyn FnMut() -> u64, keys: &[&str], strings: &[&str], depth: u32) -> Value {
            let mut map = Map::new();
            for _ in 0..1 + next() % 3 {
                let key = keys[(next() % keys.len() as u64) as usize];
                let value = match next() % 10 {
                    _ if key == "$or" => Value::Array(
                        (0..1 + next() % 3)
                            .map(|_| object(next, keys, strings, depth + 1))
                            .collect(),
                    ),
                    0..=6 => Value::Array((0..1 + next() % 3).map(|_| matcher(next, strings)).collect()),
                    7 | 8 if depth < 6 => object(next, keys, strings, depth + 1),
                    _ => junk(next, strings, 0),
                };
                map.insert(key.to_string(), value);
            }
            Value::Object(map)
        }
        let events = [
            super::super::eventbridge_envelope(
                &json!({"eventSource": "ec2.amazonaws.com", "eventName": "StopLogging"}),
            ),
            json!({"source": ["aws.ec2", {"x": 1}], "detail": [{"eventName": "x"}, null, 5]}),
            json!("scalar event"),
        ];
        let mut parsed = 0;
        for round in 0..4_000 {
            let candidate = if round % 10 == 0 {
                junk(&mut next, &strings, 0)
            } else {
                object(&mut next, &keys, &strings, 0)
            };
            if let Ok(p) = EventPattern::parse(&candidate) {
                parsed += 1;
                for event in &events {
                    let _ = p.matches(event);
                }
            }
            // Garbage text too.
            let text: String = (0..(next() % 30))
                .map(|_| {
                    "{}[]\",:0123456789.-+eEtruefalsnl \\*$or"
                        .chars()
                        .nth((next() % 38) as usize)
                        .unwrap_or(' ')
                })
                .collect();
            if let Err(e) = EventPattern::parse_str(&text) {
                assert!(e.offset <= text.len(), "round {round}: {text:?} offset {}", e.offset);
            }
        }
        assert!(
            parsed > 1_000,
            "the generator should produce some valid patterns ({parsed})"
        );
    }
}
