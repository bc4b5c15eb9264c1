//! CT-02: without log file validation, tampering with delivered logs goes unnoticed.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-02",
    policy_source: include_str!("../../../policies/CT-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for t in &cx.model.trails {
        let name = &cx.model.resource(t.id).address;
        out.check(t.id, &t.log_file_validation, t.log_file_validation.is_false(), || {
            format!("CloudTrail trail {name} does not validate its log files, so tampering goes unnoticed")
        });
    }
}
