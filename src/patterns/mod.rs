//! Pattern languages that decide, semantically, whether a monitoring resource catches an event.
//!
//! * [`filter`]: CloudWatch Logs filter patterns (metric filters, subscription filters).
//! * [`eventbridge`]: EventBridge event patterns (rules).
//!
//! Both engines parse the pattern once into an AST and evaluate it on `serde_json::Value`
//! events. Neither panics on any input: parsing is depth-bounded, evaluation is iterative or
//! bounded by the (already bounded) pattern depth, and string matching is linear-ish (no
//! backtracking regular expressions).

pub mod eventbridge;
pub mod filter;

use std::fmt;

use serde_json::{Map, Value};

pub use eventbridge::EventPattern;
pub use filter::FilterPattern;

/// A pattern that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset into the pattern text where the problem was found (0 when the pattern was
    /// given as an already-parsed JSON value, whose errors name a path in `message` instead).
    pub offset: usize,
    /// What is wrong, in words fit for a finding message.
    pub message: String,
}

impl PatternError {
    pub(crate) fn new(offset: usize, message: impl Into<String>) -> Self {
        PatternError {
            offset,
            message: message.into(),
        }
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for PatternError {}

/// The two spellings of the console sign-in `detail-type`: the one CloudTrail-delivered
/// events carry (and [`eventbridge_envelope`] writes) and the one the EventBridge User Guide
/// lists. A rule written with either covers sign-in events (services.md §5.3, §5.4).
pub const SIGNIN_DETAIL_TYPES: [&str; 2] = [
    "AWS Console Sign In via CloudTrail",
    "AWS Console Signin via CloudTrail",
];

/// The EventBridge form of a CloudTrail record, as `cis-monitoring-events.json` "about" defines
/// it: `source` is `"aws."` + `eventSource` without `".amazonaws.com"`, `detail-type` is
/// `"AWS Console Sign In via CloudTrail"` for `eventType` `AwsConsoleSignIn` and
/// `"AWS API Call via CloudTrail"` otherwise, `account` is `recipientAccountId`, `region` is
/// `awsRegion`, and `detail` is the record itself. Envelope fields whose record field is
/// missing (or not a string) are left out.
pub fn eventbridge_envelope(record: &Value) -> Value {
    let text = |key: &str| record.get(key).and_then(Value::as_str);
    let mut envelope = Map::new();
    if let Some(event_source) = text("eventSource") {
        let service = event_source.strip_suffix(".amazonaws.com").unwrap_or(event_source);
        envelope.insert("source".into(), Value::String(format!("aws.{service}")));
    }
    let detail_type = if text("eventType") == Some("AwsConsoleSignIn") {
        SIGNIN_DETAIL_TYPES[0]
    } else {
        "AWS API Call via CloudTrail"
    };
    envelope.insert("detail-type".into(), Value::String(detail_type.into()));
    if let Some(account) = text("recipientAccountId") {
        envelope.insert("account".into(), Value::String(account.into()));
    }
    if let Some(region) = text("awsRegion") {
        envelope.insert("region".into(), Value::String(region.into()));
    }
    envelope.insert("detail".into(), record.clone());
    Value::Object(envelope)
}

/// A string pattern whose only metacharacter is `*` (any run of characters, possibly empty),
/// compiled into the literal pieces between the stars. Matching is greedy left-to-right, which
/// is exact for star-only globs and costs O(text x pattern) at worst (no backtracking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Glob {
    /// Literal pieces; `pieces.len() == number of stars + 1`. Lower-cased when `fold` is set.
    pieces: Vec<String>,
    fold: bool,
}

impl Glob {
    /// A glob from its literal pieces (at least one; a lone `*` is `["", ""]`).
    pub(crate) fn from_pieces(mut pieces: Vec<String>, fold: bool) -> Glob {
        if pieces.is_empty() {
            pieces.push(String::new());
        }
        if fold {
            for piece in &mut pieces {
                *piece = piece.to_lowercase();
            }
        }
        Glob { pieces, fold }
    }

    /// A pattern with no wildcard: matches exactly `text`.
    pub(crate) fn literal(text: &str, fold: bool) -> Glob {
        Glob::from_pieces(vec![text.to_string()], fold)
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        if self.fold {
            glob_pieces_match(&self.pieces, &text.to_lowercase())
        } else {
            glob_pieces_match(&self.pieces, text)
        }
    }
}

fn glob_pieces_match(pieces: &[String], text: &str) -> bool {
    let (first, last) = match pieces {
        [only] => return text == only,
        [first, .., last] => (first, last),
        [] => return text.is_empty(),
    };
    if text.len() < first.len() + last.len() || !text.starts_with(first.as_str()) || !text.ends_with(last.as_str()) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece.as_str()) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn glob(pattern: &str) -> Glob {
        Glob::from_pieces(pattern.split('*').map(str::to_string).collect(), false)
    }

    #[test]
    fn glob_matching() {
        assert!(glob("abc").is_match("abc"));
        assert!(!glob("abc").is_match("abcd"));
        assert!(glob("*").is_match(""));
        assert!(glob("*").is_match("anything"));
        assert!(glob("a*").is_match("a"));
        assert!(glob("*a").is_match("ba"));
        assert!(glob("a*a").is_match("aa"));
        assert!(!glob("a*a").is_match("a"));
        assert!(glob("*a*b*c*").is_match("xxaxxbxxcxx"));
        assert!(!glob("*a*b*c*").is_match("xxcxxbxxaxx"));
        assert!(glob("ab*ab*ab").is_match("abababab"));
        assert!(glob("Simple*Service").is_match("SimpleQueueService"));
        assert!(!glob("Simple*Service").is_match("SimpleQueueServices"));
        let folded = Glob::from_pieces(vec!["Event".into(), "".into()], true);
        assert!(folded.is_match("EVENTBRIDGE"));
        assert!(glob("é*ü").is_match("éaü"));
    }

    #[test]
    fn glob_is_linear_ish_on_hostile_input() {
        let pattern = format!("*{}*", "a*".repeat(200));
        let text = "a".repeat(100_000);
        let started = std::time::Instant::now();
        assert!(glob(&pattern).is_match(&text));
        assert!(!glob(&format!("{pattern}b")).is_match(&text));
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn envelope_follows_the_spec_rule() {
        let record = json!({
            "eventSource": "signin.amazonaws.com", "eventType": "AwsConsoleSignIn",
            "recipientAccountId": "123456789012", "awsRegion": "us-east-1", "eventName": "ConsoleLogin"
        });
        let envelope = eventbridge_envelope(&record);
        assert_eq!(envelope["source"], "aws.signin");
        assert_eq!(envelope["detail-type"], "AWS Console Sign In via CloudTrail");
        assert_eq!(envelope["account"], "123456789012");
        assert_eq!(envelope["region"], "us-east-1");
        assert_eq!(envelope["detail"], record);
        let api = eventbridge_envelope(&json!({"eventSource": "cloudtrail.amazonaws.com", "eventType": "AwsApiCall"}));
        assert_eq!(api["source"], "aws.cloudtrail");
        assert_eq!(api["detail-type"], "AWS API Call via CloudTrail");
        assert!(api.get("account").is_none());
        let odd = eventbridge_envelope(&json!("not a record"));
        assert!(odd.get("source").is_none());
    }

    #[test]
    fn error_display_names_offset() {
        let err = PatternError::new(7, "expected a value after '='");
        assert_eq!(err.to_string(), "expected a value after '=' (at byte 7)");
    }
}
