//! CloudWatch Logs filter patterns (metric filters, subscription filters), parsed into an AST
//! and evaluated on log events.
//!
//! Supported forms (AWS "Filter pattern syntax for metric filters, subscription filters, filter
//! log events, and Live Tail"):
//!
//! * empty pattern (or only whitespace): matches every event;
//! * term patterns: `ERROR`, `"Failed authentication"` (quoted phrase), several terms (all must
//!   appear), `-term` / `- "term"` (must not appear), `?a ?b` (OR). A `?` starts a new OR group
//!   and unprefixed terms after it join that group, the reading the AWS CDK uses for
//!   `FilterPattern.anyTermGroup` (`?"ERROR" "MainThread" ?"WARN" "Deadlock"`). Terms are
//!   case-sensitive substrings of the event text; a JSON event's text is
//!   `serde_json::to_string` of it (a JSON string value is taken as a raw text line);
//! * JSON patterns `{ ... }`: selectors `$.a.b`, `$.a[0]`, `$.a[0][1].b`; operators `=`, `!=`,
//!   `<`, `<=`, `>`, `>=`, `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS`; `&&`, `||` and
//!   parentheses with the precedence `()` > `&&` > `||`; values quoted or bare, with `*`
//!   wildcards at the start and/or end, numbers, and `%regex%`;
//! * space-delimited patterns `[ip, user, ..., status_code = 4* && bytes > 1000]`;
//! * regular expressions `%...%` (the CloudWatch subset: no groups).
//!
//! Semantics decided from the AWS documentation (quoted in the module tests):
//!
//! * a selector must reach a value node: a missing field, an array, an object (or a `null`)
//!   makes both `=` and `!=` false; only `NOT EXISTS` is true for a missing field;
//! * selecting an array does not look into its elements (`{ $.users = 1 }` never matches
//!   `{"users": [1, 2, 3]}`); `[*]` is not CloudWatch syntax and is rejected;
//! * `*` is a wildcard only at the start or end of a value: "`Ev*ent` will only match the
//!   actual string `Ev*ent`";
//! * `<`, `<=`, `>`, `>=` need a number in the pattern and a JSON number in the event; `=` with
//!   an unquoted number compares numerically against numbers and textually against strings;
//! * matching is case-sensitive; keywords (`IS NULL`, `NOT EXISTS`, ...) are accepted in any case;
//! * space-delimited patterns split the event text on whitespace (`"..."` and `[...]` group);
//!   on a CloudTrail JSON record that text is one long token, so they practically never match
//!   JSON events; that is CloudWatch's behaviour too, not a gap of this engine.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use super::Glob;
pub use super::PatternError;

/// Longest pattern text accepted (CloudWatch itself stops at 1024 characters).
const MAX_PATTERN_BYTES: usize = 64 * 1024;
/// Deepest parenthesis nesting accepted in JSON patterns.
const MAX_NESTING: usize = 64;
/// Most NFA nodes a regular expression may expand to (counted repetition is unrolled).
const MAX_REGEX_NODES: usize = 2_000;
/// Largest `{n,m}` bound in a regular expression.
const MAX_REPEAT: u32 = 1_000;
/// Most fields in a space-delimited pattern.
const MAX_DELIMITED_FIELDS: usize = 200;
/// Most alignment steps tried when matching a space-delimited pattern with several `...`.
const MAX_DELIMITED_STEPS: usize = 100_000;

/// A parsed CloudWatch Logs filter pattern.
#[derive(Debug, Clone)]
pub struct FilterPattern {
    body: Body,
}

/// Which of the filter pattern languages a pattern is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternKind {
    /// The empty pattern: matches every event.
    MatchAll,
    /// Unstructured terms (`ERROR`, `"a phrase"`, `?a ?b`, `-c`).
    Terms,
    /// A JSON pattern `{ ... }`.
    Json,
    /// A space-delimited pattern `[a, b, ...]`.
    SpaceDelimited,
    /// A standalone regular expression `%...%`.
    Regex,
}

#[derive(Debug, Clone)]
enum Body {
    All,
    Terms(Terms),
    Json(Expr),
    Delimited(Delimited),
    Regex(Regex),
}

impl FilterPattern {
    /// Parses a filter pattern. Whitespace (including newlines from YAML block scalars) is
    /// allowed between all tokens.
    pub fn parse(text: &str) -> Result<FilterPattern, PatternError> {
        if text.len() > MAX_PATTERN_BYTES {
            return Err(PatternError::new(
                MAX_PATTERN_BYTES,
                format!(
                    "filter pattern is too long ({} bytes; at most {MAX_PATTERN_BYTES})",
                    text.len()
                ),
            ));
        }
        let mut cur = Cursor::new(text);
        cur.skip_ws();
        let body = match cur.peek() {
            None => Body::All,
            Some('{') => Body::Json(parse_json_pattern(&mut cur)?),
            Some('[') => Body::Delimited(parse_delimited(&mut cur)?),
            Some('%') => {
                let regex = parse_regex_literal(&mut cur)?;
                cur.skip_ws();
                if !cur.at_end() {
                    return Err(cur.error_here("unexpected text after the regular expression"));
                }
                Body::Regex(regex)
            }
            Some(_) => Body::Terms(parse_terms(&mut cur)?),
        };
        Ok(FilterPattern { body })
    }

    /// The pattern language this pattern is written in.
    pub fn kind(&self) -> PatternKind {
        match self.body {
            Body::All => PatternKind::MatchAll,
            Body::Terms(_) => PatternKind::Terms,
            Body::Json(_) => PatternKind::Json,
            Body::Delimited(_) => PatternKind::SpaceDelimited,
            Body::Regex(_) => PatternKind::Regex,
        }
    }

    /// Does the pattern match this log event? JSON patterns evaluate on the value (which must be
    /// a JSON object, as CloudWatch only applies JSON patterns to JSON log events); the other
    /// forms match the event's text: a string value as is, anything else as
    /// `serde_json::to_string` of it.
    pub fn matches(&self, event: &Value) -> bool {
        match &self.body {
            Body::All => true,
            Body::Json(expr) => event.is_object() && expr.eval(event),
            Body::Terms(terms) => terms.matches(&event_text(event)),
            Body::Delimited(delimited) => delimited.matches(&event_text(event)),
            Body::Regex(regex) => regex.is_match(&event_text(event)),
        }
    }

    /// Does the pattern match this raw log line? JSON patterns match only lines that parse as a
    /// JSON object.
    pub fn matches_text(&self, line: &str) -> bool {
        match &self.body {
            Body::All => true,
            Body::Json(expr) => serde_json::from_str::<Value>(line).is_ok_and(|v| v.is_object() && expr.eval(&v)),
            Body::Terms(terms) => terms.matches(line),
            Body::Delimited(delimited) => delimited.matches(line),
            Body::Regex(regex) => regex.is_match(line),
        }
    }
}

fn event_text(event: &Value) -> Cow<'_, str> {
    match event {
        Value::String(line) => Cow::Borrowed(line),
        other => Cow::Owned(serde_json::to_string(other).unwrap_or_default()),
    }
}

// ---------------------------------------------------------------------------------------------
// Lexing helpers

struct Cursor<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(src: &'a str) -> Self {
        Cursor { src, pos: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, token: &str) -> bool {
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if !c.is_whitespace() {
                break;
            }
            self.pos += c.len_utf8();
        }
    }

    /// A short description of what is at the cursor, for error messages.
    fn found(&self) -> String {
        let rest = self.rest();
        if rest.is_empty() {
            return "the end of the pattern".into();
        }
        let shown: String = rest.chars().take_while(|c| !c.is_whitespace()).take(24).collect();
        let shown = if shown.is_empty() {
            rest.chars().take(1).collect()
        } else {
            shown
        };
        format!("'{}'", shown.escape_debug())
    }

    fn error_here(&self, message: impl Into<String>) -> PatternError {
        PatternError::new(self.pos, message)
    }

    /// Reads a run of ASCII letters (a keyword candidate) without consuming it.
    fn peek_word(&self) -> &'a str {
        let rest = self.rest();
        let end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        &rest[..end]
    }
}

/// Parses a double-quoted string at the cursor (which is on the opening quote). `\"` and `\\`
/// are escapes; any other backslash is kept literally.
fn parse_quoted(cur: &mut Cursor) -> Result<String, PatternError> {
    let open = cur.pos;
    cur.bump();
    let mut out = String::new();
    loop {
        match cur.bump() {
            None => {
                return Err(PatternError::new(
                    open,
                    "unterminated quoted string: missing closing '\"'",
                ));
            }
            Some('"') => return Ok(out),
            Some('\\') => match cur.peek() {
                Some(c @ ('"' | '\\')) => {
                    cur.bump();
                    out.push(c);
                }
                _ => out.push('\\'),
            },
            Some(c) => out.push(c),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Values shared by JSON and space-delimited patterns

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    fn is_relational(self) -> bool {
        !matches!(self, CmpOp::Eq | CmpOp::Ne)
    }

    /// Reads a comparison operator at the cursor.
    fn lex(cur: &mut Cursor) -> Option<CmpOp> {
        for (token, op) in [
            ("!=", CmpOp::Ne),
            ("<=", CmpOp::Le),
            (">=", CmpOp::Ge),
            ("=", CmpOp::Eq),
            ("<", CmpOp::Lt),
            (">", CmpOp::Gt),
        ] {
            if cur.eat(token) {
                return Some(op);
            }
        }
        None
    }

    fn compare(self, left: f64, right: f64) -> bool {
        match self {
            CmpOp::Eq => left == right,
            CmpOp::Ne => left != right,
            CmpOp::Lt => left < right,
            CmpOp::Le => left <= right,
            CmpOp::Gt => left > right,
            CmpOp::Ge => left >= right,
        }
    }
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone)]
enum Operand {
    /// A quoted or bare string, with leading/trailing `*` wildcards; `number` is set for an
    /// unquoted numeric literal.
    Text { glob: Glob, number: Option<f64> },
    /// `%regex%`.
    Regex(Regex),
}

impl Operand {
    fn number(&self) -> Option<f64> {
        match self {
            Operand::Text { number, .. } => *number,
            Operand::Regex(_) => None,
        }
    }

    /// Equality against a piece of text that may also be a number.
    fn equals_text(&self, text: &str, numeric: Option<f64>) -> bool {
        match self {
            Operand::Text { number: Some(n), glob } => match numeric {
                Some(value) => value == *n,
                None => glob.is_match(text),
            },
            Operand::Text { glob, number: None } => glob.is_match(text),
            Operand::Regex(regex) => regex.is_match(text),
        }
    }
}

/// Builds a CloudWatch string value: `*` is a wildcard at the start and/or end only.
fn text_glob(text: &str) -> Glob {
    let core_start = text.len() - text.trim_start_matches('*').len();
    if core_start == text.len() {
        // Only stars (or empty): `*` matches anything, `""` matches the empty string.
        return if text.is_empty() {
            Glob::literal("", false)
        } else {
            Glob::from_pieces(vec![String::new(); 2], false)
        };
    }
    let core_end = text.trim_end_matches('*').len();
    let mut pieces = Vec::with_capacity(3);
    if core_start > 0 {
        pieces.push(String::new());
    }
    pieces.push(text[core_start..core_end].to_string());
    if core_end < text.len() {
        pieces.push(String::new());
    }
    Glob::from_pieces(pieces, false)
}

/// Is `text` a number in the pattern grammar: optional sign, digits with an optional decimal
/// part (or a leading `.`), optional exponent.
fn parse_number(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut i = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut digits = i - int_start;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let frac_start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        digits += i - frac_start;
    }
    if digits == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Parses the value after a comparison operator. `stop` tells which characters end a bare value.
fn parse_operand(cur: &mut Cursor, op: CmpOp, stop: fn(char) -> bool) -> Result<Operand, PatternError> {
    if op == CmpOp::Eq && cur.peek() == Some('=') {
        return Err(cur.error_here("unexpected '==': CloudWatch filter patterns use a single '=' for equality"));
    }
    cur.skip_ws();
    let start = cur.pos;
    let operand = match cur.peek() {
        Some('"') => {
            let text = parse_quoted(cur)?;
            Operand::Text {
                glob: text_glob(&text),
                number: None,
            }
        }
        Some('%') => Operand::Regex(parse_regex_literal(cur)?),
        _ => {
            let rest = cur.rest();
            let mut end = rest.len();
            for (i, c) in rest.char_indices() {
                if c.is_whitespace() || stop(c) || rest[i..].starts_with("&&") || rest[i..].starts_with("||") {
                    end = i;
                    break;
                }
            }
            let text = &rest[..end];
            if text.is_empty() {
                return Err(cur.error_here(format!(
                    "expected a value after '{}' but found {}",
                    op.symbol(),
                    cur.found()
                )));
            }
            cur.pos += end;
            Operand::Text {
                glob: text_glob(text),
                number: parse_number(text),
            }
        }
    };
    if op.is_relational() && operand.number().is_none() {
        return Err(PatternError::new(
            start,
            format!("operator '{}' needs an unquoted number after it", op.symbol()),
        ));
    }
    Ok(operand)
}

// ---------------------------------------------------------------------------------------------
// JSON patterns

#[derive(Debug, Clone)]
enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Cond(Condition),
}

#[derive(Debug, Clone)]
struct Condition {
    selector: Selector,
    test: Test,
}

#[derive(Debug, Clone)]
enum Test {
    Compare(CmpOp, Operand),
    IsNull,
    IsTrue,
    IsFalse,
    NotExists,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone)]
struct Selector {
    steps: Vec<Step>,
}

impl Selector {
    /// Follows the selector from the root of the event; `None` when some step is missing.
    fn resolve<'v>(&self, root: &'v Value) -> Option<&'v Value> {
        let mut at = root;
        for step in &self.steps {
            at = match step {
                Step::Key(key) => at.as_object()?.get(key)?,
                Step::Index(index) => at.as_array()?.get(*index)?,
            };
        }
        Some(at)
    }
}

impl Expr {
    fn eval(&self, event: &Value) -> bool {
        match self {
            Expr::Or(items) => items.iter().any(|e| e.eval(event)),
            Expr::And(items) => items.iter().all(|e| e.eval(event)),
            Expr::Cond(cond) => cond.eval(event),
        }
    }
}

impl Condition {
    fn eval(&self, event: &Value) -> bool {
        let found = self.selector.resolve(event);
        match &self.test {
            Test::NotExists => found.is_none(),
            Test::IsNull => matches!(found, Some(Value::Null)),
            Test::IsTrue => matches!(found, Some(Value::Bool(true))),
            Test::IsFalse => matches!(found, Some(Value::Bool(false))),
            Test::Compare(op, operand) => {
                // Only value nodes take part in comparisons: missing fields, null, arrays and
                // objects make both `=` and `!=` false.
                let (text, numeric): (Cow<str>, Option<f64>) = match found {
                    Some(Value::String(s)) => (Cow::Borrowed(s.as_str()), None),
                    Some(Value::Number(n)) => (Cow::Owned(n.to_string()), n.as_f64()),
                    Some(Value::Bool(b)) => (Cow::Borrowed(if *b { "true" } else { "false" }), None),
                    _ => return false,
                };
                match op {
                    CmpOp::Eq => operand.equals_text(&text, numeric),
                    CmpOp::Ne => !operand.equals_text(&text, numeric),
                    relational => match (numeric, operand.number()) {
                        (Some(left), Some(right)) => relational.compare(left, right),
                        _ => false,
                    },
                }
            }
        }
    }
}

fn parse_json_pattern(cur: &mut Cursor) -> Result<Expr, PatternError> {
    let open = cur.pos;
    cur.bump(); // '{'
    let expr = parse_or(cur, 0, "'{'")?;
    cur.skip_ws();
    match cur.peek() {
        Some('}') => {
            cur.bump();
        }
        Some(')') => return Err(cur.error_here("unbalanced parenthesis: unexpected ')' with no matching '('")),
        None => {
            return Err(cur.error_here(format!(
                "missing closing '}}' for the JSON pattern opened at byte {open}"
            )));
        }
        Some(_) => {
            return Err(cur.error_here(format!("expected '&&', '||' or '}}' but found {}", cur.found())));
        }
    }
    cur.skip_ws();
    if !cur.at_end() {
        return Err(cur.error_here(format!(
            "unexpected {} after the closing '}}' of the JSON pattern",
            cur.found()
        )));
    }
    Ok(expr)
}

fn parse_or(cur: &mut Cursor, depth: usize, after: &str) -> Result<Expr, PatternError> {
    let mut items = vec![parse_and(cur, depth, after)?];
    loop {
        cur.skip_ws();
        if !cur.eat("||") {
            break;
        }
        items.push(parse_and(cur, depth, "'||'")?);
    }
    Ok(if items.len() == 1 {
        items.pop().expect("one item")
    } else {
        Expr::Or(items)
    })
}

fn parse_and(cur: &mut Cursor, depth: usize, after: &str) -> Result<Expr, PatternError> {
    let mut items = vec![parse_primary(cur, depth, after)?];
    loop {
        cur.skip_ws();
        if !cur.eat("&&") {
            break;
        }
        items.push(parse_primary(cur, depth, "'&&'")?);
    }
    Ok(if items.len() == 1 {
        items.pop().expect("one item")
    } else {
        Expr::And(items)
    })
}

fn parse_primary(cur: &mut Cursor, depth: usize, after: &str) -> Result<Expr, PatternError> {
    cur.skip_ws();
    match cur.peek() {
        Some('(') => {
            if depth >= MAX_NESTING {
                return Err(cur.error_here(format!(
                    "parentheses nested too deeply (more than {MAX_NESTING} levels)"
                )));
            }
            let open = cur.pos;
            cur.bump();
            let inner = parse_or(cur, depth + 1, "'('")?;
            cur.skip_ws();
            match cur.peek() {
                Some(')') => {
                    cur.bump();
                    Ok(inner)
                }
                None | Some('}') => Err(PatternError::new(
                    open,
                    "unbalanced parenthesis: this '(' is never closed",
                )),
                Some(_) => Err(cur.error_here(format!("expected '&&', '||' or ')' but found {}", cur.found()))),
            }
        }
        Some('$') => Ok(Expr::Cond(parse_condition(cur)?)),
        Some(')') => Err(cur.error_here("unbalanced parenthesis: unexpected ')' with no matching '('")),
        None | Some('}') => Err(cur.error_here(if after == "'{'" {
            "empty JSON pattern: expected a condition such as '$.eventName = \"ConsoleLogin\"' after '{'".to_string()
        } else {
            format!("expected a condition after {after}")
        })),
        Some(_) => Err(cur.error_here(format!(
            "expected a selector starting with '$' or a '(' after {after} but found {}",
            cur.found()
        ))),
    }
}

fn parse_selector(cur: &mut Cursor) -> Result<Selector, PatternError> {
    let start = cur.pos;
    cur.bump(); // '$'
    let mut steps = Vec::new();
    loop {
        match cur.peek() {
            Some('.') => {
                cur.bump();
                let name_start = cur.pos;
                while cur.peek().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-') {
                    cur.bump();
                }
                if cur.pos == name_start {
                    return Err(cur.error_here(format!(
                        "expected a property name after '.' in selector but found {}",
                        cur.found()
                    )));
                }
                steps.push(Step::Key(cur.src[name_start..cur.pos].to_string()));
            }
            Some('[') => {
                let open = cur.pos;
                cur.bump();
                if steps.is_empty() {
                    return Err(PatternError::new(
                        open,
                        "an array index must follow a property name (as in '$.users[0]')",
                    ));
                }
                if cur.peek() == Some('*') {
                    return Err(PatternError::new(
                        open,
                        "'[*]' is not supported in CloudWatch filter patterns: use a numeric array index such as '[0]'",
                    ));
                }
                let digits_start = cur.pos;
                while cur.peek().is_some_and(|c| c.is_ascii_digit()) {
                    cur.bump();
                }
                let digits = &cur.src[digits_start..cur.pos];
                if digits.is_empty() {
                    return Err(cur.error_here(format!(
                        "expected an array index (a number) after '[' but found {}",
                        cur.found()
                    )));
                }
                let index = digits
                    .parse::<usize>()
                    .map_err(|_| PatternError::new(digits_start, "array index is too large"))?;
                if !cur.eat("]") {
                    return Err(cur.error_here(format!(
                        "expected ']' to close the array index but found {}",
                        cur.found()
                    )));
                }
                steps.push(Step::Index(index));
            }
            _ => break,
        }
    }
    if steps.is_empty() {
        return Err(PatternError::new(
            start,
            "selector '$' must name a property, as in '$.eventName'",
        ));
    }
    if let Some(c) = cur.peek().filter(|c| !c.is_whitespace() && !"=!<>)}&|".contains(*c)) {
        return Err(cur.error_here(format!("unexpected character '{}' in selector", c.escape_debug())));
    }
    Ok(Selector { steps })
}

fn parse_condition(cur: &mut Cursor) -> Result<Condition, PatternError> {
    let selector_start = cur.pos;
    let selector = parse_selector(cur)?;
    let selector_text = cur.src[selector_start..cur.pos].to_string();
    cur.skip_ws();
    if let Some(op) = CmpOp::lex(cur) {
        let operand = parse_operand(cur, op, |c| "(){}\"".contains(c))?;
        return Ok(Condition {
            selector,
            test: Test::Compare(op, operand),
        });
    }
    let word = cur.peek_word();
    let test = if word.eq_ignore_ascii_case("IS") {
        cur.pos += word.len();
        cur.skip_ws();
        let what = cur.peek_word();
        let test = if what.eq_ignore_ascii_case("NULL") {
            Test::IsNull
        } else if what.eq_ignore_ascii_case("TRUE") {
            Test::IsTrue
        } else if what.eq_ignore_ascii_case("FALSE") {
            Test::IsFalse
        } else {
            return Err(cur.error_here(format!(
                "expected NULL, TRUE or FALSE after IS but found {}",
                cur.found()
            )));
        };
        cur.pos += what.len();
        test
    } else if word.eq_ignore_ascii_case("NOT") {
        cur.pos += word.len();
        cur.skip_ws();
        let what = cur.peek_word();
        if !what.eq_ignore_ascii_case("EXISTS") {
            return Err(cur.error_here(format!("expected EXISTS after NOT but found {}", cur.found())));
        }
        cur.pos += what.len();
        Test::NotExists
    } else {
        return Err(cur.error_here(format!(
            "expected an operator (=, !=, <, <=, >, >=, IS NULL, IS TRUE, IS FALSE or NOT EXISTS) after selector \
             '{selector_text}' but found {}",
            cur.found()
        )));
    };
    if cur.peek().is_some_and(|c| c.is_alphanumeric()) {
        return Err(cur.error_here(format!("unexpected {} after the keyword", cur.found())));
    }
    Ok(Condition { selector, test })
}

// ---------------------------------------------------------------------------------------------
// Term patterns

#[derive(Debug, Clone)]
struct Terms {
    /// OR of groups; a group matches when all its `include` terms appear and no `exclude` term.
    groups: Vec<TermGroup>,
}

#[derive(Debug, Clone, Default)]
struct TermGroup {
    include: Vec<String>,
    exclude: Vec<String>,
}

impl Terms {
    fn matches(&self, text: &str) -> bool {
        self.groups.iter().any(|g| {
            g.include.iter().all(|t| text.contains(t.as_str())) && !g.exclude.iter().any(|t| text.contains(t.as_str()))
        })
    }
}

fn parse_terms(cur: &mut Cursor) -> Result<Terms, PatternError> {
    let mut groups: Vec<TermGroup> = Vec::new();
    loop {
        cur.skip_ws();
        if cur.at_end() {
            break;
        }
        let mut new_group = false;
        let mut exclude = false;
        if cur.peek() == Some('?') {
            cur.bump();
            new_group = true;
            cur.skip_ws();
        }
        if cur.peek() == Some('-') {
            cur.bump();
            exclude = true;
            cur.skip_ws();
        }
        let term = match cur.peek() {
            None => {
                let sign = if exclude { '-' } else { '?' };
                return Err(cur.error_here(format!("expected a term after '{sign}'")));
            }
            Some('"') => parse_quoted(cur)?,
            Some(_) => {
                let start = cur.pos;
                while cur.peek().is_some_and(|c| !c.is_whitespace() && c != '"') {
                    cur.bump();
                }
                if cur.peek() == Some('"') {
                    return Err(cur.error_here("unexpected '\"' inside an unquoted term: quote the whole term"));
                }
                cur.src[start..cur.pos].to_string()
            }
        };
        if new_group || groups.is_empty() {
            groups.push(TermGroup::default());
        }
        let group = groups.last_mut().expect("a group was just ensured");
        if exclude {
            group.exclude.push(term);
        } else {
            group.include.push(term);
        }
    }
    Ok(Terms { groups })
}

// ---------------------------------------------------------------------------------------------
// Space-delimited patterns

#[derive(Debug, Clone)]
struct Delimited {
    slots: Vec<Slot>,
}

#[derive(Debug, Clone)]
enum Slot {
    Ellipsis,
    Field { name: String, condition: Option<DExpr> },
}

#[derive(Debug, Clone)]
enum DExpr {
    Or(Vec<DExpr>),
    And(Vec<DExpr>),
    Compare { field: String, op: CmpOp, operand: Operand },
}

impl DExpr {
    fn eval(&self, bound: &[(&str, &str)]) -> bool {
        match self {
            DExpr::Or(items) => items.iter().any(|e| e.eval(bound)),
            DExpr::And(items) => items.iter().all(|e| e.eval(bound)),
            DExpr::Compare { field, op, operand } => {
                let Some(&(_, token)) = bound.iter().find(|(name, _)| name == field) else {
                    return false;
                };
                let numeric = parse_number(token);
                match op {
                    CmpOp::Eq => operand.equals_text(token, numeric),
                    CmpOp::Ne => !operand.equals_text(token, numeric),
                    relational => match (numeric, operand.number()) {
                        (Some(left), Some(right)) => relational.compare(left, right),
                        _ => false,
                    },
                }
            }
        }
    }
}

fn is_delimited_stop(c: char) -> bool {
    c == ',' || c == ']'
}

fn parse_delimited(cur: &mut Cursor) -> Result<Delimited, PatternError> {
    let open = cur.pos;
    cur.bump(); // '['
    let mut slots = Vec::new();
    loop {
        cur.skip_ws();
        match cur.peek() {
            None => {
                return Err(PatternError::new(
                    open,
                    "missing closing ']' for the space-delimited pattern",
                ));
            }
            Some(']') if !slots.is_empty() => {
                // A trailing comma before ']' (as in AWS's own `[..., status_code=4*,]`).
                cur.bump();
                break;
            }
            Some(',' | ']') => {
                return Err(cur.error_here("expected a field name or '...' in the space-delimited pattern"));
            }
            _ => {}
        }
        if slots.len() >= MAX_DELIMITED_FIELDS {
            return Err(cur.error_here(format!(
                "too many fields in the space-delimited pattern (at most {MAX_DELIMITED_FIELDS})"
            )));
        }
        if cur.eat("...") {
            slots.push(Slot::Ellipsis);
        } else {
            let name = parse_field_name(cur)?;
            cur.skip_ws();
            let condition = if matches!(cur.peek(), Some('=' | '!' | '<' | '>')) {
                Some(parse_delimited_condition(cur, name.clone())?)
            } else {
                None
            };
            slots.push(Slot::Field { name, condition });
        }
        cur.skip_ws();
        match cur.peek() {
            Some(',') => {
                cur.bump();
            }
            Some(']') => {
                cur.bump();
                break;
            }
            None => {
                return Err(PatternError::new(
                    open,
                    "missing closing ']' for the space-delimited pattern",
                ));
            }
            Some(_) => return Err(cur.error_here(format!("expected ',' or ']' but found {}", cur.found()))),
        }
    }
    cur.skip_ws();
    if !cur.at_end() {
        return Err(cur.error_here(format!("unexpected {} after the closing ']'", cur.found())));
    }
    Ok(Delimited { slots })
}

fn parse_field_name(cur: &mut Cursor) -> Result<String, PatternError> {
    let start = cur.pos;
    while cur
        .peek()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '$')
    {
        cur.bump();
    }
    if cur.pos == start {
        return Err(cur.error_here(format!("expected a field name but found {}", cur.found())));
    }
    Ok(cur.src[start..cur.pos].to_string())
}

/// `op value ((&& | ||) name op value)*` with `&&` binding tighter than `||`.
fn parse_delimited_condition(cur: &mut Cursor, first_field: String) -> Result<DExpr, PatternError> {
    let mut ors: Vec<DExpr> = Vec::new();
    let mut ands: Vec<DExpr> = Vec::new();
    let mut field = first_field;
    loop {
        cur.skip_ws();
        let Some(op) = CmpOp::lex(cur) else {
            return Err(cur.error_here(format!(
                "expected an operator after field '{field}' but found {}",
                cur.found()
            )));
        };
        let operand = parse_operand(cur, op, is_delimited_stop)?;
        ands.push(DExpr::Compare {
            field: field.clone(),
            op,
            operand,
        });
        cur.skip_ws();
        if cur.eat("&&") {
            cur.skip_ws();
            field = parse_field_name(cur)?;
        } else if cur.eat("||") {
            cur.skip_ws();
            ors.push(collapse(std::mem::take(&mut ands), DExpr::And));
            field = parse_field_name(cur)?;
        } else {
            break;
        }
    }
    ors.push(collapse(ands, DExpr::And));
    Ok(collapse(ors, DExpr::Or))
}

fn collapse(mut items: Vec<DExpr>, wrap: fn(Vec<DExpr>) -> DExpr) -> DExpr {
    if items.len() == 1 {
        items.pop().expect("one item")
    } else {
        wrap(items)
    }
}

/// Splits a log line into space-delimited fields; `"..."` and `[...]` are single fields.
fn split_fields(line: &str) -> Vec<&str> {
    let mut fields = Vec::new();
    let mut rest = line;
    loop {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else { break };
        let close = match first {
            '"' => Some('"'),
            '[' => Some(']'),
            _ => None,
        };
        if let Some(close) = close {
            let inner = &rest[1..];
            match inner.find(close) {
                Some(end) => {
                    fields.push(&inner[..end]);
                    rest = &inner[end + 1..];
                    continue;
                }
                None => {
                    fields.push(inner);
                    break;
                }
            }
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        fields.push(&rest[..end]);
        rest = &rest[end..];
    }
    fields
}

impl Delimited {
    fn matches(&self, line: &str) -> bool {
        let tokens = split_fields(line);
        let mut bound: Vec<(&str, &str)> = Vec::new();
        let mut budget = MAX_DELIMITED_STEPS;
        self.align(0, &tokens, 0, &mut bound, &mut budget)
    }

    /// Tries the alignments of slots to tokens (an ellipsis takes any number of tokens) and
    /// checks every condition on a complete alignment. Recursion depth is bounded by the
    /// number of slots, and the total work by `budget`.
    fn align<'t>(
        &'t self,
        slot: usize,
        tokens: &[&'t str],
        token: usize,
        bound: &mut Vec<(&'t str, &'t str)>,
        budget: &mut usize,
    ) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        let Some(current) = self.slots.get(slot) else {
            return token == tokens.len() && self.conditions_hold(bound);
        };
        match current {
            Slot::Ellipsis => (token..=tokens.len()).any(|next| self.align(slot + 1, tokens, next, bound, budget)),
            Slot::Field { name, .. } => {
                let Some(&value) = tokens.get(token) else { return false };
                bound.push((name.as_str(), value));
                let found = self.align(slot + 1, tokens, token + 1, bound, budget);
                bound.pop();
                found
            }
        }
    }

    fn conditions_hold(&self, bound: &[(&str, &str)]) -> bool {
        self.slots.iter().all(|slot| match slot {
            Slot::Field {
                condition: Some(condition),
                ..
            } => condition.eval(bound),
            _ => true,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Regular expressions: the CloudWatch subset (no groups), matched by NFA simulation.

/// A CloudWatch filter-pattern regular expression: alternation `|`, `.`, character classes
/// `[...]` with ranges and `^` negation, escapes (`\d \w \s` and their negations, `\` + any
/// character), quantifiers `* + ? {n} {n,} {n,m}` and anchors `^ $`. Parentheses are not
/// supported (as in CloudWatch). Matching finds the expression anywhere in the text unless
/// anchored; it simulates the NFA in O(text x nodes) with no backtracking.
#[derive(Debug, Clone)]
struct Regex {
    /// All branches' nodes, each branch ending with `Atom::Accept`.
    nodes: Vec<Node>,
    /// Index of each branch's first node.
    starts: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Node {
    atom: Atom,
    rep: Rep,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rep {
    One,
    Optional,
    Star,
}

#[derive(Debug, Clone)]
enum Atom {
    Char(char),
    Any,
    Class(Class),
    Start,
    End,
    Accept,
}

#[derive(Debug, Clone)]
struct Class {
    negated: bool,
    items: Vec<ClassItem>,
}

#[derive(Debug, Clone, Copy)]
enum ClassItem {
    Range(char, char),
    Digit(bool),
    Word(bool),
    Space(bool),
}

impl ClassItem {
    fn contains(self, c: char) -> bool {
        match self {
            ClassItem::Range(lo, hi) => lo <= c && c <= hi,
            ClassItem::Digit(negated) => c.is_ascii_digit() != negated,
            ClassItem::Word(negated) => (c.is_alphanumeric() || c == '_') != negated,
            ClassItem::Space(negated) => c.is_whitespace() != negated,
        }
    }
}

impl Atom {
    fn consumes(&self, c: char) -> bool {
        match self {
            Atom::Char(expected) => *expected == c,
            Atom::Any => c != '\n',
            Atom::Class(class) => class.items.iter().any(|item| item.contains(c)) != class.negated,
            Atom::Start | Atom::End | Atom::Accept => false,
        }
    }
}

/// Parses `%...%` at the cursor (on the opening `%`).
fn parse_regex_literal(cur: &mut Cursor) -> Result<Regex, PatternError> {
    let open = cur.pos;
    cur.bump();
    let body_start = cur.pos;
    let rest = cur.rest();
    // The closing '%' is the first one not escaped by a backslash.
    let mut end = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '%' => {
                end = Some(i);
                break;
            }
            _ => {}
        }
    }
    let Some(end) = end else {
        return Err(PatternError::new(
            open,
            "unterminated regular expression: missing closing '%'",
        ));
    };
    let body = &rest[..end];
    cur.pos += end + 1;
    if body.is_empty() {
        return Err(PatternError::new(open, "empty regular expression '%%'"));
    }
    Regex::parse(body, body_start)
}

impl Regex {
    fn parse(body: &str, base: usize) -> Result<Regex, PatternError> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut starts = vec![0];
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        let mut i = 0;
        let err = |at: usize, message: &str| PatternError::new(base + at, message.to_string());
        let mut last_atom: Option<(usize, Atom)> = None; // atom waiting for a quantifier
        let push = |nodes: &mut Vec<Node>, atom: Atom, rep: Rep, at: usize| -> Result<(), PatternError> {
            if nodes.len() >= MAX_REGEX_NODES {
                return Err(PatternError::new(base + at, "regular expression is too complex"));
            }
            nodes.push(Node { atom, rep });
            Ok(())
        };
        while i < chars.len() {
            let (at, c) = chars[i];
            i += 1;
            let atom = match c {
                '|' => {
                    if let Some((a, atom)) = last_atom.take() {
                        push(&mut nodes, atom, Rep::One, a)?;
                    }
                    push(&mut nodes, Atom::Accept, Rep::One, at)?;
                    starts.push(nodes.len());
                    continue;
                }
                '(' | ')' => {
                    return Err(err(
                        at,
                        "parentheses are not supported in CloudWatch regular expressions",
                    ));
                }
                '*' | '+' | '?' | '{' => {
                    let Some((a, atom)) = last_atom.take() else {
                        return Err(err(at, "quantifier with nothing to repeat"));
                    };
                    if matches!(atom, Atom::Start | Atom::End) {
                        return Err(err(at, "an anchor cannot be repeated"));
                    }
                    let (min, max) = match c {
                        '*' => (0, None),
                        '+' => (1, None),
                        '?' => (0, Some(1)),
                        _ => {
                            let close = chars[i..]
                                .iter()
                                .position(|&(_, ch)| ch == '}')
                                .ok_or_else(|| err(at, "unterminated repetition: missing '}'"))?;
                            let inner: String = chars[i..i + close].iter().map(|&(_, ch)| ch).collect();
                            i += close + 1;
                            parse_repetition(&inner)
                                .ok_or_else(|| err(at, "malformed repetition: expected {n}, {n,} or {n,m}"))?
                        }
                    };
                    // A lazy marker after a quantifier changes nothing for a yes/no match.
                    if chars.get(i).is_some_and(|&(_, ch)| ch == '?') {
                        i += 1;
                    }
                    for _ in 0..min {
                        push(&mut nodes, atom.clone(), Rep::One, a)?;
                    }
                    match max {
                        None => push(&mut nodes, atom, Rep::Star, a)?,
                        Some(max) => {
                            for _ in min..max {
                                push(&mut nodes, atom.clone(), Rep::Optional, a)?;
                            }
                        }
                    }
                    continue;
                }
                '.' => Atom::Any,
                '^' => Atom::Start,
                '$' => Atom::End,
                '\\' => {
                    let Some(&(_, escaped)) = chars.get(i) else {
                        return Err(err(at, "trailing '\\' in regular expression"));
                    };
                    i += 1;
                    match escape_class(escaped) {
                        Some(item) => Atom::Class(Class {
                            negated: false,
                            items: vec![item],
                        }),
                        None => Atom::Char(escaped),
                    }
                }
                '[' => {
                    let (class, next) = parse_class(&chars, i).map_err(|(a, m)| err(a, m))?;
                    i = next;
                    Atom::Class(class)
                }
                other => Atom::Char(other),
            };
            if let Some((a, previous)) = last_atom.replace((at, atom)) {
                push(&mut nodes, previous, Rep::One, a)?;
            }
        }
        if let Some((a, atom)) = last_atom.take() {
            push(&mut nodes, atom, Rep::One, a)?;
        }
        push(&mut nodes, Atom::Accept, Rep::One, body.len())?;
        Ok(Regex { nodes, starts })
    }

    fn is_match(&self, text: &str) -> bool {
        let n = self.nodes.len();
        let mut current: Vec<usize> = Vec::with_capacity(n);
        let mut next: Vec<usize> = Vec::with_capacity(n);
        let mut seen = vec![usize::MAX; n];
        let mut stack: Vec<usize> = Vec::new();
        let mut chars = text.chars().peekable();
        let mut step = 0usize;
        let mut at_start = true;
        loop {
            let at_end = chars.peek().is_none();
            // Start a new attempt at this position (unanchored search), then close over
            // empty moves.
            stack.extend(self.starts.iter().copied());
            stack.append(&mut next);
            current.clear();
            while let Some(state) = stack.pop() {
                if seen[state] == step {
                    continue;
                }
                seen[state] = step;
                let node = &self.nodes[state];
                match node.atom {
                    Atom::Accept => return true,
                    Atom::Start if at_start => stack.push(state + 1),
                    Atom::End if at_end => stack.push(state + 1),
                    Atom::Start | Atom::End => {}
                    _ => {
                        current.push(state);
                        if node.rep != Rep::One {
                            stack.push(state + 1);
                        }
                    }
                }
            }
            let Some(c) = chars.next() else { return false };
            for &state in &current {
                let node = &self.nodes[state];
                if node.atom.consumes(c) {
                    next.push(if node.rep == Rep::Star { state } else { state + 1 });
                }
            }
            at_start = false;
            step += 1;
        }
    }
}

fn parse_repetition(inner: &str) -> Option<(u32, Option<u32>)> {
    let number = |s: &str| s.trim().parse::<u32>().ok().filter(|n| *n <= MAX_REPEAT);
    match inner.split_once(',') {
        None => number(inner).map(|n| (n, Some(n))),
        Some((min, max)) if max.trim().is_empty() => number(min).map(|n| (n, None)),
        Some((min, max)) => {
            let (min, max) = (number(min)?, number(max)?);
            (min <= max).then_some((min, Some(max)))
        }
    }
}

fn escape_class(c: char) -> Option<ClassItem> {
    Some(match c {
        'd' => ClassItem::Digit(false),
        'D' => ClassItem::Digit(true),
        'w' => ClassItem::Word(false),
        'W' => ClassItem::Word(true),
        's' => ClassItem::Space(false),
        'S' => ClassItem::Space(true),
        _ => return None,
    })
}

/// Parses a character class whose `[` was at `chars[i - 1]`; returns it and the index after `]`.
fn parse_class(chars: &[(usize, char)], mut i: usize) -> Result<(Class, usize), (usize, &'static str)> {
    let open = chars[i - 1].0;
    let mut negated = false;
    if chars.get(i).is_some_and(|&(_, c)| c == '^') {
        negated = true;
        i += 1;
    }
    let mut items = Vec::new();
    loop {
        let Some(&(at, c)) = chars.get(i) else {
            return Err((open, "unterminated character class: missing ']'"));
        };
        i += 1;
        let lo = match c {
            ']' if items.is_empty() => return Err((at, "empty character class '[]'")),
            ']' => return Ok((Class { negated, items }, i)),
            '\\' => {
                let Some(&(_, escaped)) = chars.get(i) else {
                    return Err((at, "trailing '\\' in character class"));
                };
                i += 1;
                if let Some(item) = escape_class(escaped) {
                    items.push(item);
                    continue;
                }
                escaped
            }
            other => other,
        };
        // A range `lo-hi` (a '-' before ']' is literal).
        let is_range = chars.get(i).is_some_and(|&(_, c)| c == '-') && chars.get(i + 1).is_some_and(|&(_, c)| c != ']');
        if is_range {
            let (hi_at, mut hi) = chars[i + 1];
            i += 2;
            if hi == '\\' {
                let Some(&(_, escaped)) = chars.get(i) else {
                    return Err((hi_at, "trailing '\\' in character class"));
                };
                i += 1;
                hi = escaped;
            }
            if hi < lo {
                return Err((hi_at, "character class range is out of order"));
            }
            items.push(ClassItem::Range(lo, hi));
        } else {
            items.push(ClassItem::Range(lo, lo));
        }
    }
}

impl fmt::Display for PatternKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PatternKind::MatchAll => "match-all",
            PatternKind::Terms => "terms",
            PatternKind::Json => "JSON",
            PatternKind::SpaceDelimited => "space-delimited",
            PatternKind::Regex => "regular expression",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pattern(text: &str) -> FilterPattern {
        FilterPattern::parse(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
    }

    fn matches(text: &str, event: &Value) -> bool {
        pattern(text).matches(event)
    }

    fn error(text: &str) -> PatternError {
        match FilterPattern::parse(text) {
            Ok(p) => panic!("{text:?} should not parse, got {p:?}"),
            Err(e) => e,
        }
    }

    /// The example event of the AWS "Matching terms in JSON log events" section.
    fn doc_event() -> Value {
        json!({
            "eventType": "UpdateTrail",
            "sourceIPAddress": "111.111.111.111",
            "arrayKey": ["value", "another value"],
            "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}],
            "SomeObject": null,
            "ThisFlag": true
        })
    }

    /// The example event of the AWS "JSON compound conditions" section.
    fn compound_event() -> Value {
        json!({
            "user": {"id": 1, "email": "John.Stiles@example.com"},
            "users": [{"id": 2, "email": "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}],
            "actions": ["GET", "PUT", "DELETE"],
            "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]]
        })
    }

    #[test]
    fn aws_documented_json_examples_match() {
        let event = doc_event();
        for text in [
            r#"{ $.eventType = "UpdateTrail" }"#,
            "{ $.sourceIPAddress != 123.123.* }",
            r#"{ $.arrayKey[0] = "value" }"#,
            "{ $.objectList[1].id = 2 }",
            "{ $.SomeObject IS NULL }",
            "{ $.SomeOtherObject NOT EXISTS }",
            "{ $.ThisFlag IS TRUE }",
            "{ $.eventType = * }",
        ] {
            assert!(matches(text, &event), "{text} should match the documented event");
        }
        assert!(!matches("{ $.ThisFlag IS FALSE }", &event));
        assert!(!matches("{ $.SomeObject NOT EXISTS }", &event), "null is present");
        assert!(!matches("{ $.eventType IS NULL }", &event));
    }

    #[test]
    fn precedence_is_parentheses_then_and_then_or() {
        // "Parenthesis are allowed and the syntax follows standard order of operations () > && > ||".
        let event = compound_event();
        assert!(matches(
            r#"{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }"#,
            &event
        ));
        assert!(!matches(
            r#"{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }"#,
            &event
        ));
        assert!(matches(
            r#"{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }"#,
            &event
        ));
        assert!(!matches(
            r#"{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }"#,
            &event
        ));
        assert!(matches("{ $.coordinates[2][0] = 7 }", &event));
        // a || b && c  ==  a || (b && c), not (a || b) && c.
        let e = json!({"a": "x", "b": "y", "c": "z"});
        assert!(matches("{ $.a = x || $.b = no && $.c = no }", &e));
        assert!(!matches("{ ($.a = x || $.b = no) && $.c = no }", &e));
        assert!(matches("{ $.a = no && $.b = no || $.c = z }", &e));
        assert!(!matches("{ $.a = no && ($.b = no || $.c = z) }", &e));
        assert!(matches("{ ((($.a = x))) }", &e));
    }

    #[test]
    fn comparison_operators_on_numbers() {
        let e = json!({"latency": 500, "ratio": 0.25, "code": "400", "big": 1e3, "neg": -3});
        for (text, expected) in [
            ("{ $.latency = 500 }", true),
            ("{ $.latency = 500.0 }", true),
            ("{ $.latency = 5e2 }", true),
            ("{ $.latency != 500 }", false),
            ("{ $.latency != 501 }", true),
            ("{ $.latency < 500 }", false),
            ("{ $.latency < 501 }", true),
            ("{ $.latency <= 500 }", true),
            ("{ $.latency > 499.9 }", true),
            ("{ $.latency > 500 }", false),
            ("{ $.latency >= 500 }", true),
            ("{ $.latency >= +1000 }", false),
            ("{ $.ratio < 10e-3 }", false),
            ("{ $.ratio <= .25 }", true),
            ("{ $.big = 1000 }", true),
            ("{ $.neg < -2 }", true),
            ("{ $.neg > -2 }", false),
            // Relational operators need a JSON number in the event.
            ("{ $.code > 399 }", false),
            // '=' with a bare number compares textually against strings.
            ("{ $.code = 400 }", true),
            ("{ $.code = \"400\" }", true),
            ("{ $.latency = \"500\" }", true),
            ("{ $.missing < 1 }", false),
        ] {
            assert_eq!(matches(text, &e), expected, "{text}");
        }
    }

    #[test]
    fn string_equality_and_wildcards() {
        let e =
            json!({"errorCode": "Client.UnauthorizedOperation", "name": "Ev*ent", "ip": "123.123.4.5", "empty": ""});
        for (text, expected) in [
            (r#"{ $.errorCode = "Client.UnauthorizedOperation" }"#, true),
            ("{ $.errorCode = Client.UnauthorizedOperation }", true),
            (r#"{ $.errorCode = "*UnauthorizedOperation" }"#, true),
            ("{ $.errorCode = *Operation }", true),
            (r#"{ $.errorCode = "Client.*" }"#, true),
            (r#"{ $.errorCode = "*Unauthorized*" }"#, true),
            (r#"{ $.errorCode = "*" }"#, true),
            ("{ $.errorCode = * }", true),
            ("{ $.missing = * }", false),
            (r#"{ $.errorCode = "unauthorizedoperation" }"#, false),
            (r#"{ $.errorCode = "*unauthorizedoperation" }"#, false),
            (r#"{ $.errorCode = "UnauthorizedOperation" }"#, false),
            (r#"{ $.errorCode = "Client" }"#, false),
            // "Ev*ent will only match the actual string Ev*ent".
            ("{ $.name = Ev*ent }", true),
            ("{ $.errorCode = Client*Operation }", false),
            ("{ $.ip != 123.123.* }", false),
            ("{ $.ip = 123.123.* }", true),
            (r#"{ $.empty = "" }"#, true),
            (r#"{ $.empty != "" }"#, false),
            (r#"{ $.errorCode != "" }"#, true),
        ] {
            assert_eq!(matches(text, &e), expected, "{text}");
        }
    }

    #[test]
    fn missing_null_array_and_object_fields_fail_both_eq_and_ne() {
        // "both {$.users = 1} and {$.users != 1} will fail to match a log event where users is an array";
        // a metric filter `$.userIdentity.invokedBy != "x"` does not match records without the field
        // (DataBiosphere/azul#5884, tested in the CloudWatch console).
        let e = json!({"users": [1, 2, 3], "obj": {"a": 1}, "nothing": null, "errorCode": "AccessDenied"});
        for selector in [
            "$.users",
            "$.obj",
            "$.nothing",
            "$.absent",
            "$.errorCode.deeper",
            "$.users[7]",
        ] {
            assert!(!matches(&format!("{{ {selector} = 1 }}"), &e), "{selector} =");
            assert!(!matches(&format!("{{ {selector} != 1 }}"), &e), "{selector} !=");
        }
        assert!(matches("{ $.users[0] = 1 }", &e));
        assert!(matches("{ $.users[2] != 1 }", &e));
        assert!(!matches(
            r#"{ ($.errorCode = "AccessDenied") && ($.userIdentity.invokedBy != "cloudfront.amazonaws.com") }"#,
            &e
        ));
        assert!(matches("{ $.absent NOT EXISTS }", &e));
        assert!(matches("{ $.errorCode.deeper NOT EXISTS }", &e));
        assert!(matches("{ $.users[7] NOT EXISTS }", &e));
        assert!(!matches("{ $.users NOT EXISTS }", &e));
        assert!(!matches("{ $.nothing NOT EXISTS }", &e));
        assert!(matches("{ $.nothing IS NULL }", &e));
        assert!(!matches("{ $.absent IS NULL }", &e));
    }

    #[test]
    fn booleans() {
        let e = json!({"readOnly": false, "flag": true, "text": "true"});
        assert!(matches("{ $.readOnly IS FALSE }", &e));
        assert!(!matches("{ $.readOnly IS TRUE }", &e));
        assert!(matches("{ $.flag IS TRUE }", &e));
        assert!(!matches("{ $.text IS TRUE }", &e), "a string is not a boolean");
        assert!(matches("{ $.flag is true }", &e), "keywords are case-insensitive");
        assert!(matches("{ $.readOnly = false }", &e));
        assert!(matches("{ $.readOnly != true }", &e));
        assert!(!matches("{ $.missing IS FALSE }", &e));
    }

    #[test]
    fn quoting_and_whitespace_forms() {
        let e = json!({"eventName": "ConsoleLogin", "errorMessage": "Failed authentication", "q": "say \"hi\"", "b": "a\\b"});
        for text in [
            r#"{($.eventName=ConsoleLogin)&&($.errorMessage="Failed authentication")}"#,
            r#"{ ( $.eventName = "ConsoleLogin" ) && ( $.errorMessage = "Failed authentication" ) }"#,
            "{\n  ($.eventName = ConsoleLogin) &&\n\t($.errorMessage = \"Failed authentication\")\n}\n",
            "  \r\n{$.eventName=\"ConsoleLogin\"}  ",
            r#"{ $.q = "say \"hi\"" }"#,
            r#"{ $.b = "a\\b" }"#,
            r#"{ $.b = "a\b" }"#,
        ] {
            assert!(matches(text, &e), "{text:?}");
        }
        assert!(!matches(r#"{ $.errorMessage = "Failedauthentication" }"#, &e));
        assert!(
            !matches(r#"{ $.errorMessage = "failed authentication" }"#, &e),
            "case-sensitive"
        );
    }

    #[test]
    fn json_patterns_need_json_object_events() {
        let p = pattern("{ $.a NOT EXISTS }");
        assert_eq!(p.kind(), PatternKind::Json);
        assert!(p.matches(&json!({})));
        assert!(!p.matches(&json!("plain text")));
        assert!(!p.matches(&json!([1, 2])));
        assert!(p.matches_text(r#"{"b": 1}"#));
        assert!(!p.matches_text("not json"));
        assert!(!p.matches_text("[1]"));
    }

    #[test]
    fn term_patterns() {
        let lines = ["ERROR WARN message", "ERROR message", "WARN message"];
        let check = |text: &str, expected: [bool; 3]| {
            let p = pattern(text);
            assert_eq!(p.kind(), PatternKind::Terms, "{text}");
            let got: Vec<bool> = lines.iter().map(|l| p.matches_text(l)).collect();
            assert_eq!(got, expected, "{text}");
        };
        // The AWS "OR pattern matching" examples.
        check("ERROR", [true, true, false]);
        check("?ERROR ?WARN", [true, true, true]);
        check("ERROR WARN", [true, false, false]);
        check("ERROR -WARN", [false, true, false]);
        check("\"ERROR\" - \"WARN\"", [false, true, false]);
        check("?\"ERROR\" \"WARN\" ?\"message\" -\"ERROR\"", [true, false, true]);
        check("\"ERROR message\"", [false, true, false]);
        check("error", [false, false, false]);
        assert!(
            pattern("ERROR").matches_text("Exiting with ERRORCODE: -1"),
            "terms are substrings"
        );
        // Terms on JSON events match the serialized record.
        let record = json!({"eventName": "ConsoleLogin", "errorMessage": "Failed authentication"});
        assert!(matches("ConsoleLogin", &record));
        assert!(matches("\"Failed authentication\"", &record));
        assert!(matches("ConsoleLogin \"Failed authentication\"", &record));
        assert!(!matches("ConsoleLogin -Failed", &record));
        assert!(matches("\"plain line\"", &json!("a plain line here")));
    }

    #[test]
    fn empty_pattern_matches_everything() {
        for text in ["", "   ", "\n\t", "\"\""] {
            let p = pattern(text);
            assert!(p.matches(&json!({"a": 1})), "{text:?}");
            assert!(p.matches_text("anything"), "{text:?}");
        }
        assert_eq!(pattern("").kind(), PatternKind::MatchAll);
    }

    #[test]
    fn space_delimited_patterns() {
        let lines = [
            r#"127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534"#,
            r#"127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /index.html HTTP/1.0" 404 5324"#,
            r#"127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 500 4355"#,
        ];
        let check = |text: &str, expected: [bool; 3]| {
            let p = pattern(text);
            assert_eq!(p.kind(), PatternKind::SpaceDelimited, "{text}");
            let got: Vec<bool> = lines.iter().map(|l| p.matches_text(l)).collect();
            assert_eq!(got, expected, "{text}");
        };
        check(
            "[ip, user, username, timestamp, request, status_code, bytes]",
            [true; 3],
        );
        check("[..., status_code, bytes]", [true; 3]);
        check("[ip, user, ..., status_code, bytes]", [true; 3]);
        check("[ip, user, ...]", [true; 3]);
        check(
            "[ip, user, username, timestamp, request, status_code, bytes > 5000]",
            [false, true, false],
        );
        check(
            "[ip, user, username, timestamp, request, status_code = 200, bytes]",
            [true, false, false],
        );
        check(
            "[ip, user, username, timestamp, request, status_code = 4*, bytes]",
            [false, true, false],
        );
        check(
            "[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]",
            [false, true, false],
        );
        check(
            "[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]",
            [false, false, false],
        );
        check(
            "[ip, user, username, timestamp, request, status_code = 404 || status_code = 500, bytes]",
            [false, true, true],
        );
        check("[..., request=*.html*, status_code=4*,]", [false, false, false]);
        check("[..., request=*.html*, status_code=4*, bytes]", [false, true, false]);
        check("[ip, ..., user = frank, ...]", [true; 3]);
        check("[ip, user]", [false; 3]);
        // A CloudTrail record serialized to JSON has no spaces outside strings: it is not a
        // sequence of space-delimited fields, so such patterns do not match it.
        let record = json!({"eventName": "ConsoleLogin", "eventSource": "signin.amazonaws.com"});
        assert!(!matches("[a, b]", &record));
        assert!(matches("[record]", &record), "one field: the whole serialized record");
    }

    #[test]
    fn regular_expressions() {
        let p = pattern("%test%");
        assert_eq!(p.kind(), PatternKind::Regex);
        assert!(p.matches_text("a test line"));
        assert!(!p.matches_text("a TEST line"));
        for (re, text, expected) in [
            ("%^ERROR%", "ERROR at start", true),
            ("%^ERROR%", "an ERROR", false),
            ("%done$%", "all done", true),
            ("%done$%", "done already", false),
            ("%colou?r%", "color", true),
            ("%colou?r%", "colour", true),
            ("%gr[ae]y%", "grey", true),
            ("%gray|grey%", "grey", true),
            ("%^a|b$%", "xb", true),
            ("%^a|b$%", "xa", false),
            ("%10\\.10\\.0\\.1%", "ip 10.10.0.1", true),
            ("%10\\.10\\.0\\.1%", "ip 10a10b0c1", false),
            ("%[a-z]+@[a-z]+\\.com%", "mail bob@example.com", true),
            ("%[^0-9]%", "12345", false),
            ("%\\d{3}-\\d{4}%", "call 555-1234", true),
            ("%\\d{3}-\\d{4}%", "call 55-1234", false),
            ("%^\\w+$%", "word_1", true),
            ("%^\\w+$%", "two words", false),
            ("%a{2,}b%", "aab", true),
            ("%a{2,3}b%", "ab", false),
            ("%^a.c$%", "abc", true),
            ("%^a*$%", "", true),
            ("%x*%", "", true),
        ] {
            assert_eq!(pattern(re).matches_text(text), expected, "{re} on {text:?}");
        }
        let e = json!({"eventName": "DeleteRolePolicy", "sourceIPAddress": "10.0.0.7"});
        assert!(matches("{ $.eventName = %Delete.*Policy% }", &e));
        assert!(matches("{ $.eventName != %^Put% }", &e));
        assert!(matches("{ $.sourceIPAddress = %^10\\.0\\.0\\.[0-9]+$% }", &e));
        assert!(!matches("{ $.eventName = %^Policy% }", &e));
    }

    #[test]
    fn regex_matching_is_not_exponential() {
        let nested = format!("%^{}a{{0,30}}b$%", "a?".repeat(30));
        let started = std::time::Instant::now();
        let p = pattern(&nested);
        assert!(!p.matches_text(&"a".repeat(5_000)));
        let p = pattern(&format!("%{}b%", "a*".repeat(500)));
        assert!(!p.matches_text(&"a".repeat(5_000)));
        assert!(started.elapsed().as_secs() < 10);
    }

    #[test]
    fn syntax_errors_have_offsets_and_clear_messages() {
        let cases: &[(&str, usize, &str)] = &[
            ("{ $.a = }", 8, "expected a value after '='"),
            ("{ $.a =", 7, "expected a value after '='"),
            ("{ $.a = && $.b = 1 }", 8, "expected a value after '='"),
            ("{ ($.a = 1 }", 2, "unbalanced parenthesis"),
            ("{ $.a = 1) }", 9, "unbalanced parenthesis"),
            ("{ (($.a = 1) }", 2, "unbalanced parenthesis"),
            ("{ $.a = 1", 9, "missing closing '}'"),
            ("{ }", 2, "empty JSON pattern"),
            ("{ $.a = 1 && }", 13, "expected a condition after '&&'"),
            ("{ $.a = 1 || }", 13, "expected a condition after '||'"),
            ("{ $.a = 1 $.b = 2 }", 10, "expected '&&', '||' or '}'"),
            ("{ ($.a = 1 $.b = 2) }", 11, "expected '&&', '||' or ')'"),
            ("{ a = 1 }", 2, "expected a selector starting with '$'"),
            ("{ $ = 1 }", 2, "must name a property"),
            ("{ $. = 1 }", 4, "expected a property name"),
            ("{ $.a[*] = 1 }", 5, "'[*]' is not supported"),
            ("{ $.a[x] = 1 }", 6, "expected an array index"),
            ("{ $.a[0 = 1 }", 7, "expected ']'"),
            ("{ $[0] = 1 }", 3, "must follow a property"),
            ("{ $.a == 1 }", 7, "single '='"),
            ("{ $.a > abc }", 8, "needs an unquoted number"),
            ("{ $.a < \"5\" }", 8, "needs an unquoted number"),
            ("{ $.a IS }", 9, "expected NULL, TRUE or FALSE after IS"),
            ("{ $.a IS EMPTY }", 9, "expected NULL, TRUE or FALSE after IS"),
            ("{ $.a NOT NULL }", 10, "expected EXISTS after NOT"),
            ("{ $.a EXISTS }", 6, "expected an operator"),
            ("{ $.a }", 6, "expected an operator"),
            ("{ $.a = \"x }", 8, "unterminated quoted string"),
            ("{ $.a = 1 } extra", 12, "after the closing '}'"),
            ("{ $.a = %abc }", 8, "unterminated regular expression"),
            ("{ $.a = %(a)% }", 9, "parentheses are not supported"),
            ("%*a%", 1, "nothing to repeat"),
            ("%[a-%", 1, "unterminated character class"),
            ("%[z-a]%", 4, "out of order"),
            ("%a{3,1}%", 2, "malformed repetition"),
            ("%%", 0, "empty regular expression"),
            ("%abc% more", 6, "after the regular expression"),
            ("[a, b", 0, "missing closing ']'"),
            ("[a,, b]", 3, "expected a field name"),
            ("[a b]", 3, "expected ',' or ']'"),
            ("[a = ]", 5, "expected a value after '='"),
            ("[a >= x]", 6, "needs an unquoted number"),
            ("\"unterminated", 0, "unterminated quoted string"),
            ("ERROR -", 7, "expected a term after '-'"),
            ("ab\"c\"", 2, "unexpected '\"'"),
        ];
        for (text, offset, message) in cases {
            let err = error(text);
            assert!(
                err.message.contains(message),
                "{text:?}: message {:?} lacks {message:?}",
                err.message
            );
            assert_eq!(err.offset, *offset, "{text:?}: {}", err.message);
        }
        let deep = format!("{{ {}$.a = 1{} }}", "(".repeat(100), ")".repeat(100));
        assert!(error(&deep).message.contains("nested too deeply"));
        let long = format!("{{ $.a = \"{}\" }}", "x".repeat(MAX_PATTERN_BYTES));
        assert!(error(&long).message.contains("too long"));
        let wide = format!("[{}]", vec!["f"; 300].join(", "));
        assert!(error(&wide).message.contains("too many fields"));
        let complex = format!("%{}%", "a{1000}".repeat(3));
        assert!(error(&complex).message.contains("too complex"));
    }

    #[test]
    fn corpus_patterns_parse() {
        // Literal patterns found in shared/corpus (Terraform, CloudFormation, YAML catalogs).
        let corpus = [
            r#"{($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")}"#,
            r#"{(($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && (($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}"#,
            r#"{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}"#,
            r#"{($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes")}"#,
            r#"{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.sessionContext.sessionIssuer.arn != "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*")}"#,
            r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failedauthentication")}"#,
            "{ ($.eventName = RunInstances) && (($.requestParameters.instanceType = *.8xlarge) ||\n    ($.requestParameters.instanceType = *.4xlarge) || ($.requestParameters.instanceType = *.16xlarge)) }",
            "{\n  ($.eventSource = cloudtrail.amazonaws.com) &&\n  (\n    ($.eventName != Describe*) &&\n    ($.eventName != Get*) &&\n    ($.eventName != Lookup*) &&\n    ($.eventName != List*)\n  )\n}",
            "{\n  ($.errorCode=AccessDenied) ||\n  ($.errorCode=UnauthorizedOperation)\n}",
            "{\n  ($.eventName=CreateAccessKey)\n}",
            "%test%",
            "ERROR",
            "",
        ];
        for text in corpus {
            pattern(text);
        }
    }

    #[test]
    fn fuzzed_garbage_never_panics() {
        // Deterministic xorshift; patterns biased towards the syntax's own characters, plus
        // mutations of valid patterns.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: Vec<char> = "{}[]()$.=!<>&|\"%*?-_, \n\\0123456789aZéISNOTEXISTSNULLTRUE...^+"
            .chars()
            .collect();
        let seeds = [
            r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }"#,
            "{ $.a[0].b >= -1.5e3 || $.c IS NULL && $.d NOT EXISTS }",
            "[ip, user, ..., status_code = 4* && bytes > 1000]",
            "%^a[b-d]{2,3}|x+$%",
            "?ERROR ?\"WARN x\" -DEBUG",
        ];
        let events = [
            json!({"a": [{"b": 1}], "c": null, "eventName": "ConsoleLogin"}),
            json!("ERROR WARN 127.0.0.1 - x"),
            json!({"additionalEventData": {"MFAUsed": "No"}}),
        ];
        for round in 0..4_000 {
            let text: String = if round % 2 == 0 {
                let len = (next() % 40) as usize;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            } else {
                let mut chars: Vec<char> = seeds[(next() % seeds.len() as u64) as usize].chars().collect();
                for _ in 0..(1 + next() % 4) {
                    let at = (next() % (chars.len() as u64 + 1)) as usize;
                    match next() % 3 {
                        0 if at < chars.len() => {
                            chars.remove(at);
                        }
                        1 => chars.insert(at, alphabet[(next() % alphabet.len() as u64) as usize]),
                        _ if at < chars.len() => chars[at] = alphabet[(next() % alphabet.len() as u64) as usize],
                        _ => {}
                    }
                }
                chars.into_iter().collect()
            };
            match FilterPattern::parse(&text) {
                Ok(p) => {
                    for event in &events {
                        let _ = p.matches(event);
                    }
                    let _ = p.matches_text(&text);
                }
                Err(e) => {
                    assert!(e.offset <= text.len(), "{text:?}: offset {} beyond the text", e.offset);
                    assert!(
                        text.is_char_boundary(e.offset),
                        "{text:?}: offset {} not on a char boundary",
                        e.offset
                    );
                    assert!(!e.message.is_empty());
                }
            }
        }
    }
}
