//! BRK-01: an MSK cluster or MQ broker that delivers no broker logs.

use super::and_list;
use crate::finding::{Sink, Verdict};
use crate::model::Value;
use crate::model::vocab::MqEngine;
use crate::model::workloads::BrokerKind;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "BRK-01",
    policy_source: include_str!("../../../policies/BRK-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for b in &cx.model.workloads.brokers {
        let res = &cx.model.resource(b.id).address;
        let mut missing: Vec<&str> = Vec::new();
        let mut unknown: Option<String> = None;
        let mut value: &Value<bool> = &b.general;
        let (what, general) = match b.kind {
            BrokerKind::Msk => ("MSK cluster", "broker"),
            BrokerKind::Mq => ("MQ broker", "general"),
        };
        match b.general.get() {
            Some(false) => missing.push(general),
            Some(true) => {}
            None => unknown = b.general.unresolved().map(str::to_string),
        }
        if b.kind == BrokerKind::Mq {
            // Audit logs apply to ActiveMQ only.
            let active_mq = b.engine.get().map(|e| *e == MqEngine::ActiveMq);
            match (b.audit.get(), active_mq) {
                (Some(false), Some(true)) => {
                    if missing.is_empty() {
                        value = &b.audit;
                    }
                    missing.push("audit");
                }
                (_, Some(false)) | (Some(true), _) => {}
                (None, _) => {
                    unknown.get_or_insert_with(|| b.audit.unresolved().unwrap_or("audit").to_string());
                }
                (Some(false), None) => {
                    unknown
                        .get_or_insert_with(|| b.engine.unresolved().unwrap_or("engine_type is not set").to_string());
                }
            }
        }
        let verdict = match (&missing[..], unknown) {
            ([], None) => Verdict::Pass,
            ([], Some(why)) => Verdict::unknown(why),
            _ => Verdict::Fail,
        };
        out.verdict(b.id, value, verdict, || {
            format!(
                "{what} {res} does not deliver {} logs: enable logging_info.broker_logs (cloudwatch_logs, firehose or s3) / logs {{ general = true, audit = true }} (Terraform), LoggingInfo.BrokerLogs / Logs General, Audit (CloudFormation).",
                and_list(&missing)
            )
        });
    }
}
