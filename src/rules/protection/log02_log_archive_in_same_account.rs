//! LOG-02 (account): the bucket of a trail, flow log or Config delivery channel is defined
//! in the scan, so the logs live in the account they record.

use crate::finding::{Sink, Verdict};
use crate::model::{LogSourceKind, Value};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "LOG-02",
    policy_source: include_str!("../../../policies/LOG-02.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    for b in &model.buckets {
        let mut fires = Vec::new();
        let mut unknown = None;
        let mut relevant = false;
        for s in &b.log_sources {
            let what = match s.kind {
                LogSourceKind::CloudTrail => "trail",
                LogSourceKind::FlowLogs => "flow log",
                LogSourceKind::Config => "Config channel",
                _ => continue,
            };
            let Some(from) = s.from else { continue };
            relevant = true;
            match model.same_account(b.id, from) {
                Some(true) => fires.push(format!("{what} {}", model.resource(from).address)),
                Some(false) => {}
                None => {
                    unknown.get_or_insert_with(|| {
                        format!(
                            "whether {} and {} use the same provider configuration",
                            model.resource(b.id).address,
                            model.resource(from).address
                        )
                    });
                }
            }
        }
        let verdict = match (fires.is_empty(), unknown) {
            (false, _) => Verdict::Fail,
            (true, Some(why)) => Verdict::Unknown(why),
            (true, None) if !relevant => continue,
            (true, None) => Verdict::Pass,
        };
        let res = &model.resource(b.id).address;
        out.verdict(b.id, &Value::<()>::absent().at("bucket.log_sources"), verdict, || {
            format!(
                "Log bucket {res} for {} is defined in the account whose activity it records: an intruder with admin rights here can delete the evidence. Deliver to a bucket in a separate log-archive account.",
                fires.join(" and ")
            )
        });
    }
}
