//! Rules about suppressions themselves (SUP-01, SUP-02). Their findings come from the
//! suppression pass (`crate::suppress`), which reads comments and `Metadata`, not the model;
//! the rules are registered so that they have metadata, docs, fixtures and can be selected.

pub mod sup01_missing_reason;
pub mod sup02_unused;
