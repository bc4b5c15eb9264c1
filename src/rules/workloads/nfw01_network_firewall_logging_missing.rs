//! NFW-01: a Network Firewall that does not log ALERT and FLOW traffic.

use super::and_list;
use crate::finding::{Sink, Verdict};
use crate::model::Value;
use crate::model::vocab::FirewallLogType;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "NFW-01",
    policy_source: include_str!("../../../policies/NFW-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let w = &cx.model.workloads;
    for f in &w.firewalls {
        let mut have: Vec<FirewallLogType> = Vec::new();
        let mut unknown: Option<String> = f
            .unknown_logging
            .map(|l| format!("the firewall of {} is not known", cx.model.resource(l).address));
        let mut value: Value<()> = Value::absent().at("firewall.logging");
        for &i in &f.logging {
            let l = &w.firewall_logging[i];
            if value.span.is_none() {
                value = l.destinations.clone().map(|_| ());
            }
            match l.destinations.get() {
                None => {
                    unknown.get_or_insert_with(|| l.destinations.unresolved().unwrap_or_default().to_string());
                }
                Some(dests) => {
                    for d in dests {
                        match d.log_type.get() {
                            Some(t) => have.push(t.clone()),
                            None => {
                                unknown
                                    .get_or_insert_with(|| d.log_type.unresolved().unwrap_or("log_type").to_string());
                            }
                        }
                    }
                }
            }
        }
        let missing: Vec<&str> = [(FirewallLogType::Alert, "ALERT"), (FirewallLogType::Flow, "FLOW")]
            .into_iter()
            .filter(|(t, _)| !have.contains(t))
            .map(|(_, name)| name)
            .collect();
        let verdict = match (&missing[..], unknown) {
            ([], _) => Verdict::Pass,
            (_, Some(why)) => Verdict::unknown(why),
            _ => Verdict::Fail,
        };
        let res = &cx.model.resource(f.id).address;
        out.verdict(f.id, &value, verdict, || {
            format!(
                "Network Firewall {res} does not log {} traffic: add log_destination_config {{ log_type = \"{}\", log_destination_type, log_destination }} to its aws_networkfirewall_logging_configuration (Terraform) / LogDestinationConfigs (CloudFormation).",
                and_list(&missing),
                missing.join("\" and \"")
            )
        });
    }
}
