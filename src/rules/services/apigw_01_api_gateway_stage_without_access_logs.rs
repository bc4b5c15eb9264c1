//! APIGW-01: an API Gateway stage (REST, HTTP, WebSocket, SAM, or the implicit stage of a
//! deployment) that writes no access logs.

use crate::finding::Sink;
use crate::model::Iac;
use crate::model::services::StageKind;
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "APIGW-01",
    policy_source: include_str!("../../../policies/APIGW-01.toml"),
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    for st in &model.services.stages {
        let r = model.resource(st.id);
        let res = &r.address;
        let message = || {
            format!(
                "API Gateway stage {res} writes no access logs: add access_log_settings {{ destination_arn, format }} (Terraform) / AccessLogSetting(s) DestinationArn and Format (CloudFormation)."
            )
        };
        if st.kind == StageKind::Deployment {
            // The implicit stage is located at `stage_name` / `StageName`.
            let fails = st.access_log.is_missing();
            if r.iac == Iac::CloudFormation {
                let verdict = crate::finding::Verdict::of(fails, &st.access_log);
                out.verdict(st.id, &st.stage_name, verdict, message);
            } else {
                out.check(st.id, &st.stage_name, fails, || {
                    "stage_name on aws_api_gateway_deployment creates a stage without access logging; manage the stage with aws_api_gateway_stage (the argument is removed in provider v6.0).".to_string()
                });
            }
            continue;
        }
        out.check(st.id, &st.access_log, st.access_log.is_missing(), message);
    }
}
