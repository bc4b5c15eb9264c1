//! CT-04: a trail not delivered to CloudWatch Logs cannot drive metric filters and alarms.

use crate::finding::Sink;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-04",
    policy_source: include_str!("../../../policies/CT-04.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for t in &cx.model.trails {
        let name = &cx.model.resource(t.id).address;
        let (group, role) = (&t.cloudwatch_log_group, &t.cloudwatch_role);
        let missing = match (group.is_missing(), role.is_missing()) {
            (true, true) => "no CloudWatch Logs log group or role",
            (true, false) => "a CloudWatch Logs role but no log group",
            (false, true) => "a CloudWatch Logs log group but no role to write to it",
            (false, false) => continue,
        };
        // Point at the header: the fix adds the missing attribute(s) there. The finding's
        // field is the log group (the role is not fingerprinted, as before).
        out.check(
            t.id,
            &crate::model::Value::<()>::absent().at("trail.cloudwatch_log_group"),
            true,
            || format!("CloudTrail trail {name} has {missing}, so no metric filter or alarm can watch its events"),
        );
    }
}
