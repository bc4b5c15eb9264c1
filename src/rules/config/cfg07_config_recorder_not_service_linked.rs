//! CFG-07: a Config recorder that records with a custom IAM role instead of the
//! service-linked role AWSServiceRoleForConfig.

use crate::finding::{Sink, Verdict};
use crate::model::ConfigRecorder;
use crate::model::governance::{Role, RoleKind};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "CFG-07",
    policy_source: include_str!("../../../policies/CFG-07.toml"),
    check,
};

/// How the service-linked role's ARN ends, whatever the partition and account.
const SLR_SUFFIX: &str = ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";
const CONFIG_SERVICE: &str = "config.amazonaws.com";

fn verdict(cx: &Context, r: &ConfigRecorder) -> Verdict {
    let Some(link) = r.role.get() else {
        // Not written (or empty): nothing to judge; unknown: say so under --strict.
        return Verdict::of(false, &r.role);
    };
    if let Some(t) = link.target {
        return match cx.model.get::<Role>(t).map(|role| &role.kind) {
            Some(RoleKind::Custom) => Verdict::Fail,
            Some(RoleKind::ServiceLinked(service)) => match service.get() {
                Some(s) if s.eq_ignore_ascii_case(CONFIG_SERVICE) => Verdict::Pass,
                Some(_) => Verdict::Fail,
                None => Verdict::unknown(service.unresolved().unwrap_or("aws_service_name").to_string()),
            },
            // A reference to something that is not a role (a stack output, ...).
            None => Verdict::unknown(format!("the role of {}", cx.model.resource(t).address)),
        };
    }
    match link.literal.as_deref() {
        Some(lit) => {
            let ends = lit.len() >= SLR_SUFFIX.len()
                && lit.is_char_boundary(lit.len() - SLR_SUFFIX.len())
                && lit[lit.len() - SLR_SUFFIX.len()..].eq_ignore_ascii_case(SLR_SUFFIX);
            if ends { Verdict::Pass } else { Verdict::Fail }
        }
        None => Verdict::Pass,
    }
}

fn check(cx: &Context, out: &mut Sink) {
    for r in &cx.model.config_recorders {
        let res = &cx.model.resource(r.id).address;
        out.verdict(r.id, &r.role, verdict(cx, r), || {
            format!(
                "Config recorder {res} records with a custom role: use the service-linked role AWSServiceRoleForConfig (aws_iam_service_linked_role {{ aws_service_name = \"config.amazonaws.com\" }}, or RoleARN arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig). Security Hub Config.1 requires it."
            )
        });
    }
}
