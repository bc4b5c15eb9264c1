//! CT-01: a trail that records only its home region misses activity everywhere else,
//! unless another trail in scope is the account's baseline trail (services.md 5.3).

use crate::finding::{Sink, Verdict};
use crate::model::Trail;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CT-01",
    policy_source: include_str!("../../../policies/CT-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    // In scope: the trail's own unit (Terraform root module, CloudFormation template), or
    // the whole scan with --account, where the scan is one account baseline.
    let in_scope = |a: &Trail, b: &Trail| cx.account_anchor.is_some() || model.same_unit(a.id, b.id);
    for t in &model.trails {
        let name = &model.resource(t.id).address;
        let others = || model.trails.iter().filter(|o| o.id != t.id && in_scope(t, o));
        let verdict = match Verdict::of(t.multi_region.is_false(), &t.multi_region) {
            // SH CloudTrail.1 and CIS 3.1 ask for one multi-region, logging trail that
            // records all management events per account, not for every trail to be one.
            Verdict::Fail if others().any(Trail::is_baseline) => Verdict::Pass,
            Verdict::Fail => match others().find(|o| o.maybe_baseline()) {
                Some(o) => Verdict::unknown(format!(
                    "whether trail {} is multi-region, logging and records all management events is not known",
                    model.resource(o.id).address
                )),
                None => Verdict::Fail,
            },
            v => v,
        };
        out.verdict(t.id, &t.multi_region, verdict, || {
            format!("CloudTrail trail {name} records only its home region")
        });
    }
}
