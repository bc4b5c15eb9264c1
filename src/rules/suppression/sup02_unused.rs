//! SUP-02: a suppression that matches no finding (reported by `crate::suppress`).

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "SUP-02",
    policy_source: include_str!("../../../policies/SUP-02.toml"),
    check,
};

/// Nothing to do on the model: see `crate::suppress::apply`.
fn check(_cx: &Context, _out: &mut Sink) {}
