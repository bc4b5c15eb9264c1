//! SUP-01: a blindspot ignore without a reason (reported by `crate::suppress`).

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "SUP-01",
    policy_source: include_str!("../../../policies/SUP-01.toml"),
    check,
};

/// Nothing to do on the model: see `crate::suppress::apply`.
fn check(_cx: &Context, _out: &mut Sink) {}
