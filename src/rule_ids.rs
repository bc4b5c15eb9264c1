//! Rule ids of Guard findings (`GUARD:<rule name>`).
//!
//! `Finding::rule_id` is `&'static str` (built-in ids are constants). Guard rule names are
//! only known at run time, so each distinct id is leaked once into a global set and the
//! same `&'static str` is handed out afterwards. The leak is bounded by the number of
//! distinct rule names in the policies loaded during the process (a few hundred bytes per
//! rule), which is what a command-line run or a language server session loads anyway.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

/// The prefix of every Guard finding's rule id.
pub const PREFIX: &str = "GUARD:";

fn ids() -> &'static Mutex<BTreeSet<&'static str>> {
    static IDS: OnceLock<Mutex<BTreeSet<&'static str>>> = OnceLock::new();
    IDS.get_or_init(|| Mutex::new(BTreeSet::new()))
}

/// The interned id `GUARD:<name>`.
pub fn intern(name: &str) -> &'static str {
    let id = format!("{PREFIX}{name}");
    let mut set = ids().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = set.get(id.as_str()) {
        return s;
    }
    let leaked: &'static str = Box::leak(id.into_boxed_str());
    set.insert(leaked);
    leaked
}

/// The interned id a user wrote (`GUARD:name`, any case of the prefix), if a loaded
/// policy defines it.
pub fn lookup(written: &str) -> Option<&'static str> {
    let name = written
        .get(..PREFIX.len())
        .filter(|p| p.eq_ignore_ascii_case(PREFIX))
        .map(|_| &written[PREFIX.len()..])?;
    let id = format!("{PREFIX}{name}");
    let set = ids().lock().unwrap_or_else(|e| e.into_inner());
    set.get(id.as_str()).copied()
}

/// Is this a Guard rule id (or a rule key naming one)?
pub fn is_guard(key: &str) -> bool {
    key.get(..PREFIX.len()).is_some_and(|p| p.eq_ignore_ascii_case(PREFIX))
}

#[cfg(test)]
mod tests {
    #[test]
    fn interns_once() {
        let a = super::intern("ORG_TRAIL_NAME");
        let b = super::intern("ORG_TRAIL_NAME");
        assert!(std::ptr::eq(a, b));
        assert_eq!(a, "GUARD:ORG_TRAIL_NAME");
        assert_eq!(super::lookup("guard:ORG_TRAIL_NAME"), Some(a));
        assert_eq!(super::lookup("GUARD:never_loaded"), None);
    }
}
