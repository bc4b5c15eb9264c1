//! `aws_cloudtrail` / `AWS::CloudTrail::Trail` and the CloudTrail Lake event data store.

use super::{Ctx, K, LinkKind, View};
use crate::model::{EventDataStore, ManagementEvents, ResourceId, Trail, Value};

pub fn trail(ctx: &Ctx, id: ResourceId, v: &View) -> Trail {
    let (management_events, s3_data_events) = selectors(v);
    let insights = match v.items(K::both("insight_selector", "InsightSelectors")) {
        Ok(None) => Value::default(false),
        Ok(Some((p, items))) => Value::explicit(!items.is_empty(), Some(p.span), p.val.prov.clone()),
        Err(p) => Value::unknown("insight selectors", Some(p.span), p.val.prov.clone()),
    };
    Trail {
        id,
        multi_region: v.bool(K::both("is_multi_region_trail", "IsMultiRegionTrail"), false),
        log_file_validation: v.bool(K::both("enable_log_file_validation", "EnableLogFileValidation"), false),
        kms_key: ctx.link(v, K::both("kms_key_id", "KMSKeyId"), LinkKind::Other),
        cloudwatch_log_group: ctx.link(
            v,
            K::both("cloud_watch_logs_group_arn", "CloudWatchLogsLogGroupArn"),
            LinkKind::LogGroup,
        ),
        cloudwatch_role: ctx.link(
            v,
            K::both("cloud_watch_logs_role_arn", "CloudWatchLogsRoleArn"),
            LinkKind::Other,
        ),
        logging: v.bool(K::both("enable_logging", "IsLogging"), true),
        // The provider sends true when unset; CloudFormation sends false (a multi-region
        // trail without `IncludeGlobalServiceEvents: true` fails to deploy for that reason).
        global_service_events: v.bool_defaults(
            K::both("include_global_service_events", "IncludeGlobalServiceEvents"),
            true,
            false,
        ),
        management_events,
        s3_data_events,
        insights,
        bucket: ctx.link(v, K::both("s3_bucket_name", "S3BucketName"), LinkKind::Bucket),
        s3_key_prefix: v.text(K::both("s3_key_prefix", "S3KeyPrefix")),
    }
}

const S3_OBJECT: &str = "AWS::S3::Object";

/// What the trail's event selectors record: management events, and S3 data events.
/// Without selectors a trail records all management events and no data events.
fn selectors(v: &View) -> (Value<ManagementEvents>, Value<bool>) {
    match v.items(K::both("advanced_event_selector", "AdvancedEventSelectors")) {
        Err(p) => {
            let why = "advanced event selectors";
            return (
                Value::unknown(why, Some(p.span), p.val.prov.clone()),
                Value::unknown(why, Some(p.span), p.val.prov.clone()),
            );
        }
        Ok(Some((p, items))) if !items.is_empty() => return advanced(p, &items),
        Ok(_) => {}
    }
    match v.items(K::both("event_selector", "EventSelectors")) {
        Err(p) => {
            let why = "event selectors";
            (
                Value::unknown(why, Some(p.span), p.val.prov.clone()),
                Value::unknown(why, Some(p.span), p.val.prov.clone()),
            )
        }
        Ok(None) => (Value::default(ManagementEvents::All), Value::default(false)),
        Ok(Some((p, items))) if items.is_empty() => (
            Value::explicit(ManagementEvents::All, Some(p.span), Vec::new()),
            Value::default(false),
        ),
        Ok(Some((p, items))) => basic(p, &items),
    }
}

fn basic(p: &crate::frontend::Prop, items: &[View]) -> (Value<ManagementEvents>, Value<bool>) {
    let (mut read, mut write) = (false, false);
    let mut unknown = None;
    // The attribute that decides a narrowed result: the first read_write_type that narrows,
    // else the first include_management_events = false.
    let mut narrowing = None;
    let mut excluding = None;
    let mut s3 = Value::explicit(false, Some(p.span), Vec::new());
    for sel in items {
        let rw = sel.text(K::both("read_write_type", "ReadWriteType"));
        let mgmt = sel.bool(K::both("include_management_events", "IncludeManagementEvents"), true);
        if mgmt.is_unknown() || rw.is_unknown() {
            unknown = unknown.or(Some(if mgmt.is_unknown() {
                mgmt.clone().map(|_| ())
            } else {
                rw.clone().map(|_| ())
            }));
            continue;
        }
        if mgmt.is_false() {
            excluding = excluding.or(mgmt.span.map(|s| (s, mgmt.provenance.clone())));
        } else {
            match rw.get().map(String::as_str) {
                Some("ReadOnly") => {
                    read = true;
                    narrowing = narrowing.or(rw.span.map(|s| (s, rw.provenance.clone())));
                }
                Some("WriteOnly") => {
                    write = true;
                    narrowing = narrowing.or(rw.span.map(|s| (s, rw.provenance.clone())));
                }
                _ => (read, write) = (true, true),
            }
        }
        match sel.items(K::both("data_resource", "DataResources")) {
            Ok(Some((dp, resources))) => {
                for r in resources {
                    match r.text(K::both("type", "Type")).get() {
                        Some(t) if t == S3_OBJECT => s3 = Value::explicit(true, Some(dp.span), Vec::new()),
                        Some(_) => {}
                        None if !s3.is_true() => s3 = Value::unknown("data resource type", Some(dp.span), Vec::new()),
                        None => {}
                    }
                }
            }
            Ok(None) => {}
            Err(dp) if !s3.is_true() => s3 = Value::unknown("data resources", Some(dp.span), Vec::new()),
            Err(_) => {}
        }
    }
    let result = match (read, write) {
        (true, true) => ManagementEvents::All,
        (true, false) => ManagementEvents::ReadOnly,
        (false, true) => ManagementEvents::WriteOnly,
        (false, false) => ManagementEvents::None,
    };
    let mgmt = if result != ManagementEvents::All
        && let Some(u) = unknown
    {
        Value::unknown(
            u.unresolved().unwrap_or("event selector").to_string(),
            u.span,
            u.provenance,
        )
    } else {
        let decided = match result {
            ManagementEvents::All => None,
            ManagementEvents::None => excluding.or(narrowing),
            _ => narrowing,
        };
        match decided {
            Some((span, prov)) => Value::explicit(result, Some(span), prov),
            None => Value::explicit(result, Some(p.span), Vec::new()),
        }
    };
    (mgmt, s3)
}

/// Advanced selectors: `field_selector { field = "eventCategory" equals = ["Management"] }`.
fn advanced(p: &crate::frontend::Prop, items: &[View]) -> (Value<ManagementEvents>, Value<bool>) {
    let (mut read, mut write, mut s3, mut unknown) = (false, false, false, false);
    for sel in items {
        let fields = match sel.items(K::both("field_selector", "FieldSelectors")) {
            Ok(Some((_, f))) => f,
            Ok(None) => Vec::new(),
            Err(_) => {
                unknown = true;
                continue;
            }
        };
        let equals = |name: &str| -> Option<Option<Vec<String>>> {
            let f = fields
                .iter()
                .find(|f| f.text(K::both("field", "Field")).get().is_some_and(|n| n == name));
            match f {
                None => Some(None),
                Some(f) => f.strings(K::both("equals", "Equals")).map(Some),
            }
        };
        let (Some(category), Some(read_only), Some(types)) =
            (equals("eventCategory"), equals("readOnly"), equals("resources.type"))
        else {
            unknown = true;
            continue;
        };
        let category = category.unwrap_or_default();
        if category.iter().any(|c| c == "Management") {
            match read_only.as_deref() {
                Some([v]) if v == "true" => read = true,
                Some([v]) if v == "false" => write = true,
                _ => (read, write) = (true, true),
            }
        }
        if category.iter().any(|c| c == "Data") && types.unwrap_or_default().iter().any(|t| t == S3_OBJECT) {
            s3 = true;
        }
    }
    let result = match (read, write) {
        (true, true) => ManagementEvents::All,
        (true, false) => ManagementEvents::ReadOnly,
        (false, true) => ManagementEvents::WriteOnly,
        (false, false) => ManagementEvents::None,
    };
    let span = Some(p.span);
    let mgmt = if unknown && result != ManagementEvents::All {
        Value::unknown("advanced event selector", span, Vec::new())
    } else {
        Value::explicit(result, span, Vec::new())
    };
    let s3 = if unknown && !s3 {
        Value::unknown("advanced event selector", span, Vec::new())
    } else {
        Value::explicit(s3, span, Vec::new())
    };
    (mgmt, s3)
}

pub fn event_data_store(ctx: &Ctx, id: ResourceId, v: &View) -> EventDataStore {
    EventDataStore {
        id,
        // Terraform's default is 2555 days, CloudFormation's 2557 (seven years either way).
        retention_days: v.num(K::both("retention_period", "RetentionPeriod"), Some(2555.0)),
        termination_protection: v.bool(
            K::both("termination_protection_enabled", "TerminationProtectionEnabled"),
            true,
        ),
        multi_region: v.bool(K::both("multi_region_enabled", "MultiRegionEnabled"), true),
        kms_key: ctx.link(v, K::both("kms_key_id", "KmsKeyId"), LinkKind::Key),
    }
}
