//! Strings known only at run time that must live as `&'static str`: Guard rule ids
//! (`crate::rule_ids`) and indexed model fields (`bucket.policies[2]`,
//! `crate::model::value::indexed_field`).
//!
//! Each distinct text is leaked once into a global set and the same `&'static str` is handed
//! out afterwards. The leak is bounded by the distinct texts of the process (rule names of
//! the loaded policies, field paths with the indexes that occur), which a command-line run
//! or a language server session holds anyway.

use std::collections::BTreeSet;
use std::sync::Mutex;

static SEEN: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// The one `&'static str` for `text`.
pub fn intern(text: &str) -> &'static str {
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = seen.get(text) {
        return s;
    }
    let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
    seen.insert(leaked);
    leaked
}

/// The interned `text`, if it has been interned.
pub fn get(text: &str) -> Option<&'static str> {
    SEEN.lock().unwrap_or_else(|e| e.into_inner()).get(text).copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn interns_once() {
        let a = super::intern("bucket.policies[7]");
        assert!(std::ptr::eq(a, super::intern("bucket.policies[7]")));
        assert_eq!(super::get("bucket.policies[7]"), Some(a));
        assert_eq!(super::get("never interned"), None);
    }
}
