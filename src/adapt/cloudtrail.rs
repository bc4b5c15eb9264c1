//! `aws_cloudtrail` / `AWS::CloudTrail::Trail` and the CloudTrail Lake event data store.

use super::{Ctx, K, LinkKind, View};
use crate::model::vocab::{ReadWriteType, Vocabulary};
use crate::model::{EventDataStore, ManagementEvents, ResourceId, Trail, Value};

pub fn trail(ctx: &Ctx, id: ResourceId, v: &View) -> Trail {
    let Selectors {
        management_events,
        excluded_sources,
        s3_data_events,
        s3_all_buckets,
    } = selectors(v);
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
        excluded_sources,
        s3_data_events,
        s3_all_buckets,
        insights,
        bucket: ctx.link(v, K::both("s3_bucket_name", "S3BucketName"), LinkKind::Bucket),
        s3_key_prefix: v.text(K::both("s3_key_prefix", "S3KeyPrefix")),
    }
}

const S3_OBJECT: &str = "AWS::S3::Object";

/// What a trail's event selectors record.
struct Selectors {
    management_events: Value<ManagementEvents>,
    /// Management event sources excluded from every selector that records management events.
    excluded_sources: Value<Vec<String>>,
    s3_data_events: Value<bool>,
    /// S3 data events of all current and future buckets.
    s3_all_buckets: Value<bool>,
}

impl Selectors {
    /// Everything unknown, for the reason `why`, at property `p`.
    fn unknown(why: &str, p: &crate::frontend::Prop) -> Selectors {
        let u = || (Some(p.span), p.val.prov.clone());
        Selectors {
            management_events: Value::unknown(why, u().0, u().1),
            excluded_sources: Value::unknown(why, u().0, u().1),
            s3_data_events: Value::unknown(why, u().0, u().1),
            s3_all_buckets: Value::unknown(why, u().0, u().1),
        }
    }
}

/// Does a data resource `values` entry designate all buckets (`arn:aws:s3`,
/// `arn:aws:s3:::`, or the same in another partition, `arn:aws-us-gov:s3:::`)?
fn all_buckets_arn(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("arn:") else {
        return false;
    };
    let Some((partition, rest)) = rest.split_once(':') else {
        return false;
    };
    partition.starts_with("aws") && (rest == "s3" || rest == "s3:::")
}

/// The sources excluded by every management selector: the intersection of each selector's
/// exclusions, unknown when one is unknown and the known ones still exclude something.
#[derive(Default)]
struct Exclusions {
    /// The intersection so far (`None` before the first management selector).
    known: Option<Vec<String>>,
    /// Where the first non-empty exclusion is written.
    at: Option<(crate::source::Span, Vec<crate::model::Step>)>,
    unknown: Option<(String, Option<crate::source::Span>)>,
}

impl Exclusions {
    fn add(&mut self, list: Option<Vec<String>>, prop: Option<&crate::frontend::Prop>, what: &str) {
        let Some(list) = list else {
            let why = prop
                .and_then(|p| p.val.unknown_why().map(str::to_string))
                .unwrap_or_else(|| format!("{what} is not known"));
            self.unknown.get_or_insert((why, prop.map(|p| p.span)));
            return;
        };
        if !list.is_empty()
            && self.at.is_none()
            && let Some(p) = prop
        {
            self.at = Some((p.span, p.val.prov.clone()));
        }
        self.known = Some(match self.known.take() {
            None => list,
            Some(prev) => prev.into_iter().filter(|s| list.contains(s)).collect(),
        });
    }

    fn value(self) -> Value<Vec<String>> {
        match (self.known, self.unknown) {
            // A management selector excludes nothing: nothing is excluded, whatever the
            // unknown ones say.
            (Some(k), _) if k.is_empty() => Value::default(Vec::new()),
            (_, Some((why, span))) => Value::unknown(why, span, Vec::new()),
            (None, None) => Value::default(Vec::new()),
            (Some(k), None) => match self.at {
                Some((span, prov)) => Value::explicit(k, Some(span), prov),
                None => Value::explicit(k, None, Vec::new()),
            },
        }
    }
}

/// What the trail's event selectors record: management events (and the sources they
/// exclude), and S3 data events. Without selectors a trail records all management events
/// and no data events.
fn selectors(v: &View) -> Selectors {
    match v.items(K::both("advanced_event_selector", "AdvancedEventSelectors")) {
        Err(p) => return Selectors::unknown("advanced event selectors", p),
        Ok(Some((p, items))) if !items.is_empty() => return advanced(p, &items),
        Ok(_) => {}
    }
    match v.items(K::both("event_selector", "EventSelectors")) {
        Err(p) => Selectors::unknown("event selectors", p),
        Ok(None) => Selectors {
            management_events: Value::default(ManagementEvents::All),
            excluded_sources: Value::default(Vec::new()),
            s3_data_events: Value::default(false),
            s3_all_buckets: Value::default(false),
        },
        Ok(Some((p, items))) if items.is_empty() => Selectors {
            management_events: Value::explicit(ManagementEvents::All, Some(p.span), Vec::new()),
            excluded_sources: Value::default(Vec::new()),
            s3_data_events: Value::default(false),
            s3_all_buckets: Value::default(false),
        },
        Ok(Some((p, items))) => basic(p, &items),
    }
}

const EXCLUDE: K = K::both("exclude_management_event_sources", "ExcludeManagementEventSources");

fn basic(p: &crate::frontend::Prop, items: &[View]) -> Selectors {
    let (mut read, mut write) = (false, false);
    let mut unknown = None;
    // The attribute that decides a narrowed result: the first read_write_type that narrows,
    // else the first include_management_events = false.
    let mut narrowing = None;
    let mut excluding = None;
    let mut exclusions = Exclusions::default();
    let mut s3 = Value::explicit(false, Some(p.span), Vec::new());
    let mut all = Value::explicit(false, Some(p.span), Vec::new());
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
            exclusions.add(
                sel.strings(EXCLUDE),
                sel.prop(EXCLUDE),
                "exclude_management_event_sources",
            );
            match rw.get().map(|t| ReadWriteType::parse(t)) {
                Some(ReadWriteType::ReadOnly) => {
                    read = true;
                    narrowing = narrowing.or(rw.span.map(|s| (s, rw.provenance.clone())));
                }
                Some(ReadWriteType::WriteOnly) => {
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
                        Some(t) if t == S3_OBJECT => {
                            s3 = Value::explicit(true, Some(dp.span), Vec::new());
                            match r.strings(K::both("values", "Values")) {
                                Some(values) if values.iter().any(|v| all_buckets_arn(v)) => {
                                    all = Value::explicit(true, Some(dp.span), Vec::new());
                                }
                                // Some buckets only: the data resource decides.
                                Some(_) if !all.is_true() && !all.is_unknown() => {
                                    all = Value::explicit(false, Some(dp.span), Vec::new());
                                }
                                Some(_) => {}
                                None if !all.is_true() => {
                                    all = Value::unknown("data resource values", Some(dp.span), Vec::new())
                                }
                                None => {}
                            }
                        }
                        Some(_) => {}
                        None => {
                            if !s3.is_true() {
                                s3 = Value::unknown("data resource type", Some(dp.span), Vec::new());
                            }
                            if !all.is_true() {
                                all = Value::unknown("data resource type", Some(dp.span), Vec::new());
                            }
                        }
                    }
                }
            }
            Ok(None) => {}
            Err(dp) => {
                if !s3.is_true() {
                    s3 = Value::unknown("data resources", Some(dp.span), Vec::new());
                }
                if !all.is_true() {
                    all = Value::unknown("data resources", Some(dp.span), Vec::new());
                }
            }
        }
    }
    let mut excluded = exclusions.value();
    // A selector not known may record the excluded sources.
    if let Some(u) = &unknown
        && excluded.get().is_some_and(|e| !e.is_empty())
    {
        excluded = Value::unknown(
            u.unresolved().unwrap_or("event selector").to_string(),
            u.span,
            Vec::new(),
        );
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
    Selectors {
        management_events: mgmt,
        excluded_sources: excluded,
        s3_data_events: s3,
        s3_all_buckets: all,
    }
}

/// Advanced selectors: `field_selector { field = "eventCategory" equals = ["Management"] }`.
fn advanced(p: &crate::frontend::Prop, items: &[View]) -> Selectors {
    let (mut read, mut write, mut s3, mut all, mut unknown) = (false, false, false, false, false);
    let mut exclusions = Exclusions::default();
    for sel in items {
        let fields = match sel.items(K::both("field_selector", "FieldSelectors")) {
            Ok(Some((_, f))) => f,
            Ok(None) => Vec::new(),
            Err(_) => {
                unknown = true;
                continue;
            }
        };
        let field = |name: &str| {
            fields
                .iter()
                .find(|f| f.text(K::both("field", "Field")).get().is_some_and(|n| n == name))
        };
        let equals = |name: &str| -> Option<Option<Vec<String>>> {
            match field(name) {
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
            let not_equals = K::both("not_equals", "NotEquals");
            match field("eventSource") {
                None => exclusions.add(Some(Vec::new()), None, "eventSource"),
                Some(f) => exclusions.add(f.strings(not_equals), f.prop(not_equals), "eventSource not_equals"),
            }
        }
        if category.iter().any(|c| c == "Data") && types.unwrap_or_default().iter().any(|t| t == S3_OBJECT) {
            s3 = true;
            // All current and future buckets: no condition on the object ARN.
            if field("resources.ARN").is_none() {
                all = true;
            }
        }
    }
    let result = match (read, write) {
        (true, true) => ManagementEvents::All,
        (true, false) => ManagementEvents::ReadOnly,
        (false, true) => ManagementEvents::WriteOnly,
        (false, false) => ManagementEvents::None,
    };
    let span = Some(p.span);
    let why = "advanced event selector";
    let known = |v: bool| {
        if unknown && !v {
            Value::unknown(why, span, Vec::new())
        } else {
            Value::explicit(v, span, Vec::new())
        }
    };
    let mgmt = if unknown && result != ManagementEvents::All {
        Value::unknown(why, span, Vec::new())
    } else {
        Value::explicit(result, span, Vec::new())
    };
    let mut excluded = exclusions.value();
    if unknown && excluded.get().is_some_and(|e| !e.is_empty()) {
        excluded = Value::unknown(why, span, Vec::new());
    }
    Selectors {
        management_events: mgmt,
        excluded_sources: excluded,
        s3_data_events: known(s3),
        s3_all_buckets: known(all),
    }
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
