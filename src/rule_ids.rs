//! Rule ids of Guard findings (`GUARD:<rule name>`).
//!
//! `Finding::rule_id` is `&'static str` (built-in ids are constants). Guard rule names are
//! only known at run time, so each distinct id is interned ([`crate::interned`]).

/// The prefix of every Guard finding's rule id.
pub const PREFIX: &str = "GUARD:";

/// The interned id `GUARD:<name>`.
pub fn intern(name: &str) -> &'static str {
    crate::interned::intern(&format!("{PREFIX}{name}"))
}

/// The interned id a user wrote (`GUARD:name`, any case of the prefix), if a loaded
/// policy defines it.
pub fn lookup(written: &str) -> Option<&'static str> {
    let name = written
        .get(..PREFIX.len())
        .filter(|p| p.eq_ignore_ascii_case(PREFIX))
        .map(|_| &written[PREFIX.len()..])?;
    crate::interned::get(&format!("{PREFIX}{name}"))
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
