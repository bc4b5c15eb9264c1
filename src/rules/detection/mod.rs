//! Detection services: GuardDuty and Security Hub (services.md 4.6).

pub mod det00_account_guardduty_missing;
pub mod det01_guardduty_detector_disabled;
pub mod det02_account_security_hub_missing;

use crate::finding::{Sink, Verdict};
use crate::rules::Context;

/// DET-00 and DET-02: fires when no resource enables the service, unless config
/// `provided_elsewhere` names it; undecided when a module call is not resolved. `field` is
/// the account-scope model field that lists the service's resources (`account.guardduty`).
fn account_service(
    cx: &Context,
    out: &mut Sink,
    service: &str,
    field: &'static str,
    found: &[crate::model::ResourceId],
    message: &str,
) {
    let Some(anchor) = cx.account_anchor else { return };
    if cx.provided_elsewhere(service) || !found.is_empty() {
        return;
    }
    let verdict = match cx.unresolved_modules {
        0 => Verdict::Fail,
        n => Verdict::unknown(format!(
            "{n} module call(s) are not resolved (not downloaded or missing) and may declare it"
        )),
    };
    out.verdict_account(anchor, field, verdict, || message.to_string());
}
