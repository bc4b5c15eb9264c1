//! LB-01: a load balancer that delivers no access logs (ALB and Classic always; NLB when
//! it has a TLS listener), neither to S3 nor through a CloudWatch Logs vended delivery.

use super::vended;
use crate::finding::{Sink, Verdict};
use crate::model::services::LbKind;
use crate::model::vocab::{LbType, ListenerProtocol};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "LB-01",
    policy_source: include_str!("../../../policies/LB-01.toml"),
    check,
};

const FIX: &str = "set access_logs { enabled = true } with a bucket (Terraform) / LoadBalancerAttributes access_logs.s3.enabled = \"true\" and access_logs.s3.bucket (CloudFormation) / AccessLoggingPolicy Enabled: true (Classic)";

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    for lb in &model.services.load_balancers {
        let res = &model.resource(lb.id).address;
        let logs = &lb.access_logs;
        if lb.kind == LbKind::Classic {
            let fails = logs.is_false();
            out.check(lb.id, logs, fails, || {
                format!("Load balancer {res} does not deliver access logs: {FIX}.")
            });
            continue;
        }
        let Some(lb_type) = lb.lb_type.get() else {
            let why = lb.lb_type.unresolved().unwrap_or("load balancer type").to_string();
            out.verdict(lb.id, &lb.lb_type, Verdict::unknown(why), || {
                format!("Load balancer {res} may not deliver access logs: {FIX}.")
            });
            continue;
        };
        let log_type = match lb_type {
            LbType::Application => "ALB_ACCESS_LOGS",
            LbType::Network => {
                // NLB access logs exist only for TLS listeners.
                let tls = lb
                    .listener_protocols
                    .iter()
                    .any(|p| p.get() == Some(&ListenerProtocol::Tls));
                if !tls {
                    let undecided = lb
                        .listener_protocols
                        .iter()
                        .find_map(|p| p.unresolved().map(str::to_string))
                        .or_else(|| {
                            lb.unknown_listeners
                                .first()
                                .map(|l| format!("the load balancer of {} is not known", model.resource(*l).address))
                        });
                    if let Some(why) = undecided {
                        out.verdict(lb.id, logs, Verdict::unknown(why), || {
                            format!("Load balancer {res} may not deliver access logs: {FIX}. NLB access logs cover TLS listeners only.")
                        });
                    }
                    continue;
                }
                "NLB_ACCESS_LOGS"
            }
            _ => continue,
        };
        if logs.is_true() {
            out.verdict(lb.id, logs, Verdict::Pass, String::new);
            continue;
        }
        let verdict = match vended(cx, lb.id, &[log_type]) {
            Verdict::Fail => Verdict::of(logs.is_false(), logs),
            v => v,
        };
        out.verdict(lb.id, logs, verdict, || {
            let mut m =
                format!("Load balancer {res} does not deliver access logs: {FIX}, or add a CloudWatch Logs delivery ({log_type}).");
            if log_type == "NLB_ACCESS_LOGS" {
                m += " NLB access logs cover TLS listeners only.";
            }
            m
        });
    }
}
