//! CFG-02: a Config recorder that leaves out global resources (IAM).

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CFG-02",
    policy_source: include_str!("../../../policies/CFG-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for r in &cx.model.config_recorders {
        let name = &cx.model.resource(r.id).address;
        out.check(r.id, &r.include_global, r.include_global.is_false(), || {
            format!("AWS Config recorder {name} does not include global resource types: IAM users, roles, groups and policies are not recorded")
        });
    }
}
