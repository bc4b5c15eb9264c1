// blindspot patch (see PATCHED.md): parse a rules file once and evaluate it on many
// documents given as serde_json values, without the text round trips of `run_checks`.

use std::convert::TryFrom;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use crate::rules::errors::Error;
use crate::rules::eval::eval_rules_file;
use crate::rules::eval_context::root_scope;
use crate::rules::exprs::RulesFile;
use crate::rules::parser::{rules_file, Span};
use crate::rules::path_value::{Path, PathAwareValue};
use crate::rules::Result;

/// A parsed rules file that owns its text (the parsed rules borrow it).
pub struct ParsedRules {
    // Borrows `text` and `name`: declared first, so dropped before them. The 'static is
    // never handed out: `rules()` shortens it to the borrow of `self`.
    rules: Option<RulesFile<'static>>,
    text: Arc<str>,
    name: Arc<str>,
}

impl fmt::Debug for ParsedRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedRules").field("name", &self.name).finish()
    }
}

impl ParsedRules {
    /// Parses `text` as `run_checks` does (same errors).
    pub fn parse(text: Arc<str>, name: Arc<str>) -> Result<ParsedRules> {
        // SAFETY: both strings are heap allocations owned (through their `Arc`) by the
        // returned value, which never mutates them and drops `rules` first; moving the
        // `ParsedRules` does not move them.
        let (t, n): (&'static str, &'static str) =
            unsafe { (&*Arc::as_ptr(&text), &*Arc::as_ptr(&name)) };
        let rules = match rules_file(Span::new_extra(t, n)) {
            Ok(rules) => rules,
            Err(e) => return Err(Error::ParseError(e.to_string())),
        };
        Ok(ParsedRules { rules, text, name })
    }

    fn rules<'a>(&'a self) -> Option<&'a RulesFile<'a>> {
        self.rules.as_ref()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Evaluates the rules on `data`: the event record tree that `run_checks(.., true)`
    /// prints, as a value (`Null` for a file without rules, where it prints nothing).
    pub fn evaluate(&self, data: &Document) -> Result<serde_json::Value> {
        let rules = match self.rules() {
            Some(r) => r,
            None => return Ok(serde_json::Value::Null),
        };
        let mut scope = root_scope(rules, Rc::new(data.value.clone()));
        eval_rules_file(rules, &mut scope, Some(&data.name))?;
        let record = scope.reset_recorder().extract();
        Ok(serde_json::to_value(&record)?)
    }
}

/// A document to evaluate rules on, converted once.
#[derive(Debug)]
pub struct Document {
    value: PathAwareValue,
    name: String,
}

impl Document {
    pub fn from_json(value: &serde_json::Value, name: &str) -> Result<Document> {
        let value = PathAwareValue::try_from((value, Path::root())).map_err(|e| {
            Error::ParseError(format!("Unable to process data in file {name}, Error {e},"))
        })?;
        Ok(Document {
            value,
            name: name.to_string(),
        })
    }
}

#[allow(dead_code)]
fn assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<ParsedRules>();
    is::<Document>();
}
