//! S3-11: a lifecycle rule that applies to a log bucket's log objects deletes them before
//! the minimum retention (config `min_retention_days`).

use crate::finding::{Sink, Verdict};
use crate::frontend::format_number;
use crate::model::vocab::VersioningStatus;
use crate::model::{Bucket, Iac, LifecycleRule};
use crate::rules::{Context, Rule};

pub static RULE: Rule = Rule {
    id: "S3-11",
    policy_source: include_str!("../../../policies/S3-11.toml"),
    check,
};

/// Whether a lifecycle rule applies to the bucket's log objects (services.md 4.21): no
/// filter, or a prefix overlapping a source's delivery prefix. `Err` says what is unknown.
fn applies(b: &Bucket, r: &LifecycleRule) -> Result<bool, String> {
    // Delivered log objects carry no tags.
    match r.tag_filter.get() {
        Some(true) => return Ok(false),
        Some(false) => {}
        None => return Err(r.tag_filter.unresolved().unwrap_or("the rule's tag filter").to_string()),
    }
    match r.size_filter.get() {
        Some(false) => {}
        Some(true) => return Err("the rule's object-size filter".into()),
        None => {
            return Err(r
                .size_filter
                .unresolved()
                .unwrap_or("the rule's size filter")
                .to_string());
        }
    }
    let Some(prefix) = r.prefix.get() else {
        return Err(r.prefix.unresolved().unwrap_or("the rule's prefix").to_string());
    };
    if prefix.is_empty() {
        return Ok(true);
    }
    let mut unknown = false;
    for s in &b.log_sources {
        match &s.key_prefix {
            Some(p) if p.starts_with(prefix.as_str()) || prefix.starts_with(p.as_str()) => return Ok(true),
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown {
        Err(format!("the key prefix the bucket's {} use", kinds(b)))
    } else {
        Ok(false)
    }
}

fn kinds(b: &Bucket) -> String {
    let mut k: Vec<&str> = b.log_sources.iter().map(|s| s.kind.describe()).collect();
    k.dedup();
    k.join(" and ")
}

fn check(cx: &Context, out: &mut Sink) {
    let model = cx.model;
    let min = cx.min_retention_days;
    for b in model.buckets.iter().filter(|b| b.is_log_bucket()) {
        let res = &model.resource(b.id).address;
        let cfn = model.resource(b.id).iac == Iac::CloudFormation;
        // Lifecycle expiration does not remove locked versions (either mode).
        let locked = b.locked_for(min, false);
        if locked == Some(true) {
            continue;
        }
        let Some(rules) = b.lifecycle_rules.get() else {
            let verdict = Verdict::of(false, &b.lifecycle_rules);
            out.verdict(b.id, &b.lifecycle_rules, verdict, String::new);
            continue;
        };
        for (i, r) in rules.iter().enumerate() {
            let rule_name = match r.id.get() {
                Some(id) if !id.is_empty() => format!("\"{id}\""),
                _ => format!("#{}", i + 1),
            };
            // Undecided parts make every failure of this rule undecided.
            let mut why: Option<String> = locked
                .is_none()
                .then(|| "the bucket's Object Lock default retention".into());
            match r.enabled.get() {
                Some(true) => {}
                Some(false) => continue,
                None => {
                    why.get_or_insert_with(|| r.enabled.unresolved().unwrap_or("the rule's status").to_string());
                }
            }
            match applies(b, r) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(w) => {
                    why.get_or_insert(w);
                }
            }
            let judge = |v: Verdict| -> Verdict {
                match (&why, v) {
                    (Some(w), Verdict::Fail) => Verdict::Unknown(w.clone()),
                    (_, verdict) => verdict,
                }
            };
            // Current versions: days, or any date.
            let (days_attr, date_attr) = if cfn {
                ("ExpirationInDays", "ExpirationInDays (instead of ExpirationDate)")
            } else {
                ("expiration.days", "expiration.days (instead of expiration.date)")
            };
            let days = r.expiration_days.get().copied();
            let short = days.is_some_and(|d| d < min);
            out.verdict(
                b.id,
                &r.expiration_days,
                judge(Verdict::of(short, &r.expiration_days)),
                || {
                    message(
                        &rule_name,
                        res,
                        "current",
                        &format!("after {} days", format_number(days.unwrap_or(0.0))),
                        min,
                        days_attr,
                    )
                },
            );
            if let Some(date) = r.expiration_date.get() {
                out.verdict(b.id, &r.expiration_date, judge(Verdict::Fail), || {
                    message(&rule_name, res, "current", &format!("on {date}"), min, date_attr)
                });
            } else if r.expiration_date.is_unknown() {
                out.verdict(
                    b.id,
                    &r.expiration_date,
                    judge(Verdict::of(false, &r.expiration_date)),
                    String::new,
                );
            }
            // Noncurrent versions exist only when versioning is (or was) on.
            let versioned = match b.versioning.get() {
                Some(VersioningStatus::Enabled | VersioningStatus::Suspended) => Some(true),
                Some(_) => Some(false),
                None if b.versioning.is_unknown() => None,
                None => Some(false),
            };
            let nc_days = r.noncurrent_days.get().copied();
            let keeps_newer = r.newer_noncurrent_versions.get().is_some_and(|n| *n > 0.0);
            let nc_short = nc_days.is_some_and(|d| d < min) && !keeps_newer;
            if !nc_short && r.newer_noncurrent_versions.is_unknown() && nc_days.is_some_and(|d| d < min) {
                let v = &r.newer_noncurrent_versions;
                out.verdict(b.id, v, judge(Verdict::of(false, v)), String::new);
                continue;
            }
            let verdict = match versioned {
                Some(false) => Verdict::Pass,
                Some(true) => judge(Verdict::of(nc_short, &r.noncurrent_days)),
                None if nc_short => Verdict::unknown(b.versioning.unresolved().unwrap_or("versioning").to_string()),
                None => Verdict::of(false, &r.noncurrent_days),
            };
            let attr = if cfn {
                "NoncurrentVersionExpiration.NoncurrentDays"
            } else if r.inline_v3 {
                "noncurrent_version_expiration.days"
            } else {
                "noncurrent_version_expiration.noncurrent_days"
            };
            out.verdict(b.id, &r.noncurrent_days, verdict, || {
                message(
                    &rule_name,
                    res,
                    "noncurrent",
                    &format!("after {} days", format_number(nc_days.unwrap_or(0.0))),
                    min,
                    attr,
                )
            });
        }
    }
}

fn message(rule: &str, res: &str, which: &str, when: &str, min: f64, attribute: &str) -> String {
    let min = format_number(min);
    format!(
        "Lifecycle rule {rule} of log bucket {res} deletes {which} log objects {when}, before the minimum retention of {min} days: raise {attribute} to at least {min} or scope the rule away from the log prefix."
    )
}
