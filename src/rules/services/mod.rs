//! Service logging rules (services.md §4.1 LB-01, §4.2 APIGW-01/02, §4.3 CDN-01/02,
//! §4.7 WAF-01): the front door writes access logs somewhere.

use crate::finding::Verdict;
use crate::model::ResourceId;
use crate::model::services::Coverage;
use crate::rules::Context;

pub mod apigw_01_api_gateway_stage_without_access_logs;
pub mod apigw_02_api_gateway_stage_without_execution_logs;
pub mod cdn_01_cloudfront_access_logs_disabled;
pub mod cdn_02_cloudfront_log_bucket_acls_disabled;
pub mod lb_01_load_balancer_access_logs_disabled;
pub mod waf_01_waf_web_acl_logging_missing;

/// The vended-delivery coverage of a resource as a verdict: covered passes, missing fails.
fn vended(cx: &Context, id: ResourceId, log_types: &[&str]) -> Verdict {
    match cx.model.vended_coverage(id, log_types) {
        Coverage::Covered => Verdict::Pass,
        Coverage::Unknown(why) => Verdict::Unknown(why),
        Coverage::Missing => Verdict::Fail,
    }
}
