//! APIGW-02: a REST or WebSocket API Gateway stage without execution logging for all
//! methods/routes (logging level ERROR or INFO).

use crate::finding::{Sink, Verdict};
use crate::model::Iac;
use crate::model::services::StageKind;
use crate::model::vocab::{ApiProtocol, LoggingLevel};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "APIGW-02",
    policy_source: include_str!("../../../policies/APIGW-02.toml"),
    check,
};

/// The report note of services.md §4.2 "Account note".
pub const ACCOUNT_NOTE: &str =
    "API Gateway writes execution logs with the CloudWatch role of the account settings; none is set in this baseline.";

/// With `--account`, once APIGW-02 has evaluated a stage: the note when no
/// `aws_api_gateway_account` / `AWS::ApiGateway::Account` of the scan sets its CloudWatch
/// role. A role that is written but unknown (a reference, a variable) counts as set.
fn account_note(cx: &Context, out: &mut Sink) {
    let Some(anchor) = cx.account_anchor else {
        return;
    };
    let role_set = cx
        .model
        .services
        .api_accounts
        .iter()
        .any(|a| !a.cloudwatch_role.is_absent());
    if out.evaluated_any() && !role_set {
        out.note(None, anchor.file, ACCOUNT_NOTE.to_string());
    }
}

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    for st in &model.services.stages {
        let r = model.resource(st.id);
        match st.kind {
            StageKind::Rest => {}
            // `StageDescription` logging levels are not evaluated (services.md §6).
            StageKind::Deployment if r.iac != Iac::CloudFormation => {}
            StageKind::V2 => match st.protocol.get() {
                Some(ApiProtocol::WebSocket) => {}
                // HTTP APIs have no route logging level; unknown APIs are silent.
                _ => continue,
            },
            _ => continue,
        }
        let level = &st.logging_level;
        let off = level.is_missing() || level.get() == Some(&LoggingLevel::Off);
        let verdict = match st.unknown_settings.first() {
            Some(&ms) if off => Verdict::unknown(format!("the stage of {} is not known", model.resource(ms).address)),
            _ => Verdict::of(off, level),
        };
        out.verdict(st.id, level, verdict, || {
            format!(
                "API Gateway stage {} has no execution logging: add aws_api_gateway_method_settings with method_path = \"*/*\" and settings {{ logging_level = \"ERROR\" }} (REST) / default_route_settings {{ logging_level = \"ERROR\" }} (WebSocket); CloudFormation: MethodSettings HttpMethod \"*\", ResourcePath \"/*\", LoggingLevel ERROR / DefaultRouteSettings LoggingLevel ERROR.",
                r.address
            )
        });
    }
    account_note(cx, out);
}
