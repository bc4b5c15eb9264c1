//! S3 buckets and their settings, from every place they can be written: provider v4+
//! split resources, provider v3 inline blocks and CloudFormation properties.

use super::{Ctx, K, LinkKind, View, policy};
use crate::frontend::V;
use crate::frontend::{Lang, Prop};
use crate::model::policy::PolicyDocument;
use crate::model::vocab::{
    self, CannedAcl, ObjectOwnership, RetentionMode, Spelled, SseAlgorithm, VersioningStatus, Vocabulary,
};
use crate::model::{Bucket, KmsKey, LifecycleRule, Link, PublicAccessBlock, ResourceId, Retention, Value};

/// One setting written outside the bucket resource, for the bucket it names.
#[derive(Clone, Debug)]
pub enum Setting {
    Encryption(Value<SseAlgorithm>, Value<Link<KmsKey>>),
    Versioning(Value<VersioningStatus>),
    ObjectLock(Value<bool>, Value<Retention>),
    PublicAccessBlock(PublicAccessBlock),
    Acl(Value<Spelled<CannedAcl>>),
    Policy(Value<PolicyDocument>),
    Logging(Value<Link<Bucket>>, Value<String>),
    Lifecycle(Value<bool>, Value<Vec<LifecycleRule>>),
    Ownership(Value<ObjectOwnership>),
}

/// The kind of a split setting resource, for resources that could not be linked.
/// The [`setting_kind`] of bucket policies.
pub const POLICY_KIND: u8 = 5;

pub fn setting_kind(s: &Setting) -> u8 {
    match s {
        Setting::Encryption(..) => 0,
        Setting::Versioning(_) => 1,
        Setting::ObjectLock(..) => 2,
        Setting::PublicAccessBlock(_) => 3,
        Setting::Acl(_) => 4,
        Setting::Policy(_) => POLICY_KIND,
        Setting::Logging(..) => 6,
        Setting::Lifecycle(..) => 7,
        Setting::Ownership(_) => 8,
    }
}

fn first<'a>(v: &View<'a>, k: K) -> Result<Option<(&'a Prop, View<'a>)>, &'a Prop> {
    v.first(k)
}

/// A property read as a block (or list of blocks) that could not be: unknown, saying why
/// (`dynamic "access_logs" block with unknown for_each (var.logs)`, `access_logs: expected
/// a block, got a string`).
fn unknown_from<T>(p: &Prop) -> Value<T> {
    Value::unknown(super::unreadable_prop(p, "a block"), Some(p.span), p.val.prov.clone())
}

/// `rule { apply_server_side_encryption_by_default { sse_algorithm, kms_master_key_id } }`
/// (CloudFormation: `ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault`).
fn encryption(ctx: &Ctx, container: &View) -> (Value<SseAlgorithm>, Value<Link<KmsKey>>) {
    let rule = match first(container, K::both("rule", "ServerSideEncryptionConfiguration")) {
        Err(p) => return (unknown_from(p), unknown_from(p)),
        Ok(None) => return (Value::absent(), Value::absent()),
        Ok(Some((_, r))) => r,
    };
    match first(
        &rule,
        K::both(
            "apply_server_side_encryption_by_default",
            "ServerSideEncryptionByDefault",
        ),
    ) {
        Err(p) => (unknown_from(p), unknown_from(p)),
        Ok(None) => (Value::absent(), Value::absent()),
        Ok(Some((_, d))) => (
            d.text(K::both("sse_algorithm", "SSEAlgorithm")).map(vocab::parse),
            ctx.link(&d, K::both("kms_master_key_id", "KMSMasterKeyID"), LinkKind::Key),
        ),
    }
}

/// `rule { default_retention { mode, days, years } }` (CloudFormation `Rule.DefaultRetention`).
fn retention(container: &View) -> Value<Retention> {
    let rule = match first(container, K::both("rule", "Rule")) {
        Err(p) => return unknown_from(p),
        Ok(None) => return Value::absent(),
        Ok(Some((_, r))) => r,
    };
    match first(&rule, K::both("default_retention", "DefaultRetention")) {
        Err(p) => unknown_from(p),
        Ok(None) => Value::absent(),
        Ok(Some((p, d))) => {
            let days = d.num(K::both("days", "Days"), None);
            let years = d.num(K::both("years", "Years"), None);
            let days = days.get().copied().or(years.get().map(|y| y * 365.0));
            let mode = d.text(K::both("mode", "Mode")).get().map(|m| RetentionMode::parse(m));
            Value::explicit(Retention { mode, days }, Some(p.span), p.val.prov.clone())
        }
    }
}

fn public_access_block(v: &View) -> PublicAccessBlock {
    // Inside an explicit block an omitted setting is false.
    PublicAccessBlock {
        block_public_acls: v.bool(K::both("block_public_acls", "BlockPublicAcls"), false),
        block_public_policy: v.bool(K::both("block_public_policy", "BlockPublicPolicy"), false),
        ignore_public_acls: v.bool(K::both("ignore_public_acls", "IgnorePublicAcls"), false),
        restrict_public_buckets: v.bool(K::both("restrict_public_buckets", "RestrictPublicBuckets"), false),
    }
}

/// A value standing for "this whole block/resource exists", located at `p` or `header`.
fn present(p: Option<&Prop>) -> Value<bool> {
    match p {
        Some(p) => Value::explicit(true, Some(p.span), p.val.prov.clone()),
        None => Value::explicit(true, None, Vec::new()),
    }
}

/// An `aws_s3_bucket` / `AWS::S3::Bucket` with its inline settings.
pub fn bucket(ctx: &Ctx, id: ResourceId, v: &View) -> Bucket {
    let mut b = Bucket {
        id,
        name: v.text(K::both("bucket", "BucketName")),
        sse_algorithm: Value::absent(),
        sse_kms_key: Value::absent(),
        versioning: Value::absent(),
        object_lock: v.bool(K::both("object_lock_enabled", "ObjectLockEnabled"), false),
        object_lock_retention: Value::absent(),
        public_access_block: None,
        acl: v.text(K::both("acl", "AccessControl")).map(Spelled::parse),
        policies: Vec::new(),
        access_log_target: Value::absent(),
        lifecycle: Value::default(false),
        lifecycle_rules: Value::default(Vec::new()),
        force_destroy: match v.lang() {
            Lang::Terraform => v.bool(K::tf("force_destroy"), false),
            Lang::CloudFormation => Value::absent(),
        },
        access_log_prefix: Value::absent(),
        object_ownership: Value::absent(),
        log_sources: Vec::new(),
    };
    if v.lang() == Lang::CloudFormation {
        b.object_ownership = ownership(v);
    }
    match first(v, K::both("server_side_encryption_configuration", "BucketEncryption")) {
        Err(p) => (b.sse_algorithm, b.sse_kms_key) = (unknown_from(p), unknown_from(p)),
        Ok(Some((_, enc))) => (b.sse_algorithm, b.sse_kms_key) = encryption(ctx, &enc),
        Ok(None) => {}
    }
    match first(v, K::both("versioning", "VersioningConfiguration")) {
        Err(p) => b.versioning = unknown_from(p),
        Ok(Some((_, ver))) => {
            b.versioning = match v.lang() {
                // Provider v3 inline block: `versioning { enabled = true }`.
                Lang::Terraform => ver.bool(K::tf("enabled"), false).map(|on| {
                    if on {
                        VersioningStatus::Enabled
                    } else {
                        VersioningStatus::Suspended
                    }
                }),
                Lang::CloudFormation => ver.text(K::cfn("Status")).map(vocab::parse),
            };
        }
        Ok(None) => {}
    }
    match first(v, K::both("object_lock_configuration", "ObjectLockConfiguration")) {
        Err(p) => b.object_lock_retention = unknown_from(p),
        Ok(Some((_, lock))) => {
            // Legacy `object_lock_configuration { object_lock_enabled = "Enabled" }`.
            let enabled = lock.text(K::both("object_lock_enabled", "ObjectLockEnabled"));
            if !b.object_lock.is_true() && (enabled.is_unknown() || enabled.get().is_some_and(|e| e == "Enabled")) {
                b.object_lock = enabled.map(|e| e == "Enabled");
            }
            b.object_lock_retention = retention(&lock);
        }
        Ok(None) => {}
    }
    match first(v, K::cfn("PublicAccessBlockConfiguration")) {
        Err(p) => b.public_access_block = Some(PublicAccessBlock::all(|| unknown_from(p))),
        Ok(Some((_, pab))) => b.public_access_block = Some(public_access_block(&pab)),
        Ok(None) => {}
    }
    if let Some(p) = v.prop(K::tf("policy")) {
        b.policies.push(policy_value(p));
    }
    match first(v, K::both("logging", "LoggingConfiguration")) {
        Err(p) => b.access_log_target = unknown_from(p),
        Ok(Some((p, log))) => {
            b.access_log_target = ctx.link(
                &log,
                K::both("target_bucket", "DestinationBucketName"),
                LinkKind::Bucket,
            );
            b.access_log_prefix = log.text(K::both("target_prefix", "LogFilePrefix"));
            if b.access_log_target.is_absent() {
                // CloudFormation: without a destination, logs go to the bucket itself.
                b.access_log_target = Value::explicit(Link::new(Some(id), None, None), Some(p.span), Vec::new());
            }
        }
        Ok(None) => {}
    }
    match v.items(K::both("lifecycle_rule", "LifecycleConfiguration")) {
        Err(p) => (b.lifecycle, b.lifecycle_rules) = (unknown_from(p), unknown_from(p)),
        Ok(Some((p, items))) => {
            b.lifecycle = Value::explicit(!items.is_empty(), Some(p.span), Vec::new());
            b.lifecycle_rules = match v.lang() {
                Lang::Terraform => Value::explicit(
                    items.iter().map(|r| lifecycle_rule(r, true)).collect(),
                    Some(p.span),
                    Vec::new(),
                ),
                Lang::CloudFormation => match items.first() {
                    Some(config) => lifecycle_rules(config, K::cfn("Rules"), false),
                    None => Value::explicit(Vec::new(), Some(p.span), Vec::new()),
                },
            };
        }
        Ok(None) => {}
    }
    b
}

/// The rules of a lifecycle configuration (`rule` blocks, `Rules`).
fn lifecycle_rules(config: &View, k: K, inline_v3: bool) -> Value<Vec<LifecycleRule>> {
    match config.items(k) {
        Err(p) => unknown_from(p),
        Ok(None) => Value::explicit(Vec::new(), None, Vec::new()),
        Ok(Some((p, items))) => Value::explicit(
            items.iter().map(|r| lifecycle_rule(r, inline_v3)).collect(),
            Some(p.span),
            Vec::new(),
        ),
    }
}

/// Whether a map or list property has entries (`tags = {...}`, `TagFilters`); unknown
/// when its value is.
fn has_entries(p: Option<&Prop>) -> Value<bool> {
    let Some(p) = p else { return Value::default(false) };
    match &p.val.v {
        V::Map(m) => Value::explicit(!m.is_empty(), Some(p.span), Vec::new()),
        V::List(l) => Value::explicit(!l.is_empty(), Some(p.span), Vec::new()),
        V::Null => Value::default(false),
        _ => unknown_from(p),
    }
}

/// One lifecycle rule: `aws_s3_bucket_lifecycle_configuration.rule`, provider v3
/// `lifecycle_rule` (`inline_v3`), CloudFormation `LifecycleConfiguration.Rules[]`.
fn lifecycle_rule(r: &View, inline_v3: bool) -> LifecycleRule {
    let present = |p: Option<&Prop>| match p {
        Some(p) => Value::explicit(true, Some(p.span), Vec::new()),
        None => Value::default(false),
    };
    let mut rule = LifecycleRule {
        id: r.text(K::both("id", "Id")),
        enabled: match (r.lang(), inline_v3) {
            (Lang::Terraform, true) => r.bool(K::tf("enabled"), false),
            _ => r.text(K::both("status", "Status")).map(|s| s == "Enabled"),
        },
        prefix: r.text(K::both("prefix", "Prefix")),
        tag_filter: Value::default(false),
        size_filter: Value::default(false),
        expiration_days: r.num(K::cfn("ExpirationInDays"), None),
        expiration_date: r.text(K::cfn("ExpirationDate")),
        noncurrent_days: r.num(K::cfn("NoncurrentVersionExpirationInDays"), None),
        newer_noncurrent_versions: Value::absent(),
        inline_v3,
    };
    match r.lang() {
        Lang::CloudFormation => {
            rule.tag_filter = has_entries(r.prop(K::cfn("TagFilters")));
            let size = r
                .prop(K::cfn("ObjectSizeGreaterThan"))
                .or(r.prop(K::cfn("ObjectSizeLessThan")));
            rule.size_filter = present(size);
        }
        Lang::Terraform if inline_v3 => rule.tag_filter = has_entries(r.prop(K::tf("tags"))),
        Lang::Terraform => match r.first(K::tf("filter")) {
            Err(p) => {
                (rule.prefix, rule.tag_filter, rule.size_filter) = (unknown_from(p), unknown_from(p), unknown_from(p))
            }
            Ok(None) => {}
            Ok(Some((_, f))) => {
                let size = |f: &View| {
                    present(
                        f.prop(K::tf("object_size_greater_than"))
                            .or(f.prop(K::tf("object_size_less_than"))),
                    )
                };
                let prefix = f.text(K::tf("prefix"));
                if !prefix.is_absent() {
                    rule.prefix = prefix;
                }
                rule.tag_filter = present(f.prop(K::tf("tag")));
                rule.size_filter = size(&f);
                match f.first(K::tf("and")) {
                    Err(p) => {
                        (rule.prefix, rule.tag_filter, rule.size_filter) =
                            (unknown_from(p), unknown_from(p), unknown_from(p))
                    }
                    Ok(None) => {}
                    Ok(Some((_, a))) => {
                        let prefix = a.text(K::tf("prefix"));
                        if !prefix.is_absent() {
                            rule.prefix = prefix;
                        }
                        if !rule.tag_filter.is_true() {
                            rule.tag_filter = has_entries(a.prop(K::tf("tags")));
                        }
                        if !rule.size_filter.is_true() {
                            rule.size_filter = size(&a);
                        }
                    }
                }
            }
        },
    }
    if rule.prefix.is_absent() {
        rule.prefix = Value::default(String::new());
    }
    if r.lang() == Lang::Terraform {
        match r.first(K::tf("expiration")) {
            Err(p) => (rule.expiration_days, rule.expiration_date) = (unknown_from(p), unknown_from(p)),
            Ok(None) => {}
            Ok(Some((_, e))) => {
                rule.expiration_days = e.num(K::tf("days"), None);
                rule.expiration_date = e.text(K::tf("date"));
            }
        }
    }
    let noncurrent = match r.lang() {
        Lang::Terraform => K::tf("noncurrent_version_expiration"),
        Lang::CloudFormation => K::cfn("NoncurrentVersionExpiration"),
    };
    match r.first(noncurrent) {
        Err(p) => (rule.noncurrent_days, rule.newer_noncurrent_versions) = (unknown_from(p), unknown_from(p)),
        Ok(None) => {}
        Ok(Some((_, n))) => {
            let days = if inline_v3 {
                K::tf("days")
            } else {
                K::both("noncurrent_days", "NoncurrentDays")
            };
            rule.noncurrent_days = n.num(days, None);
            rule.newer_noncurrent_versions =
                n.num(K::both("newer_noncurrent_versions", "NewerNoncurrentVersions"), None);
        }
    }
    rule
}

/// `rule { object_ownership }` (`aws_s3_bucket_ownership_controls`) /
/// `OwnershipControls.Rules[].ObjectOwnership` (the first rule decides).
fn ownership(v: &View) -> Value<ObjectOwnership> {
    let controls = match v.lang() {
        Lang::Terraform => Ok(Some((None, *v))),
        Lang::CloudFormation => first(v, K::cfn("OwnershipControls")).map(|o| o.map(|(p, c)| (Some(p), c))),
    };
    let controls = match controls {
        Err(p) => return unknown_from(p),
        Ok(None) => return Value::absent(),
        Ok(Some((_, c))) => c,
    };
    match first(&controls, K::both("rule", "Rules")) {
        Err(p) => unknown_from(p),
        Ok(None) => Value::absent(),
        Ok(Some((_, r))) => r.text(K::both("object_ownership", "ObjectOwnership")).map(vocab::parse),
    }
}

fn policy_value(p: &Prop) -> Value<PolicyDocument> {
    match policy::document(&p.val) {
        Some(doc) => Value::explicit(doc, Some(p.span), p.val.prov.clone()),
        None => Value::unknown(
            super::unreadable_prop(p, "a policy document"),
            Some(p.span),
            p.val.prov.clone(),
        ),
    }
}

/// A split setting resource (`aws_s3_bucket_versioning`, ..., `AWS::S3::BucketPolicy`):
/// the bucket it configures and the setting.
pub fn setting(ctx: &Ctx, resource_type: &str, v: &View) -> Option<(Value<Link<Bucket>>, Setting)> {
    let bucket = ctx.link(v, K::both("bucket", "Bucket"), LinkKind::Bucket);
    let header = present(None);
    let setting = match resource_type {
        "aws_s3_bucket_server_side_encryption_configuration" => {
            let (alg, key) = encryption(ctx, v);
            Setting::Encryption(alg, key)
        }
        "aws_s3_bucket_versioning" => match first(v, K::tf("versioning_configuration")) {
            Err(p) => Setting::Versioning(unknown_from(p)),
            Ok(Some((_, c))) => Setting::Versioning(c.text(K::tf("status")).map(vocab::parse)),
            Ok(None) => Setting::Versioning(Value::absent()),
        },
        "aws_s3_bucket_object_lock_configuration" => {
            let enabled = match v.prop(K::tf("object_lock_enabled")) {
                Some(p) => Value::explicit(true, Some(p.span), p.val.prov.clone()),
                None => header.clone(),
            };
            Setting::ObjectLock(enabled, retention(v))
        }
        "aws_s3_bucket_public_access_block" => Setting::PublicAccessBlock(public_access_block(v)),
        "aws_s3_bucket_acl" => Setting::Acl(v.text(K::tf("acl")).map(Spelled::parse)),
        "aws_s3_bucket_policy" | "AWS::S3::BucketPolicy" => match v.prop(K::both("policy", "PolicyDocument")) {
            Some(p) => Setting::Policy(policy_value(p)),
            None => return None,
        },
        "aws_s3_bucket_logging" => Setting::Logging(
            ctx.link(v, K::tf("target_bucket"), LinkKind::Bucket),
            v.text(K::tf("target_prefix")),
        ),
        "aws_s3_bucket_lifecycle_configuration" => Setting::Lifecycle(header, lifecycle_rules(v, K::tf("rule"), false)),
        "aws_s3_bucket_ownership_controls" => Setting::Ownership(ownership(v)),
        _ => return None,
    };
    Some((bucket, setting))
}

/// Applies a split setting to its bucket; split resources win over inline blocks, as the
/// provider applies them last.
pub fn apply(b: &mut Bucket, s: Setting) {
    match s {
        Setting::Encryption(alg, key) => (b.sse_algorithm, b.sse_kms_key) = (alg, key),
        Setting::Versioning(v) => b.versioning = v,
        Setting::ObjectLock(enabled, retention) => {
            if !b.object_lock.is_true() {
                b.object_lock = enabled;
            }
            b.object_lock_retention = retention;
        }
        Setting::PublicAccessBlock(p) => b.public_access_block = Some(p),
        Setting::Acl(a) => b.acl = a,
        Setting::Policy(p) => b.policies.push(p),
        Setting::Logging(t, prefix) => (b.access_log_target, b.access_log_prefix) = (t, prefix),
        Setting::Lifecycle(l, rules) => (b.lifecycle, b.lifecycle_rules) = (l, rules),
        Setting::Ownership(o) => b.object_ownership = o,
    }
}

/// When a split setting of this kind exists but its bucket cannot be known, every bucket
/// of the unit may have it: the bucket's value for that setting becomes unknown.
pub fn unknown_setting(b: &mut Bucket, kind: u8, why: &str) {
    fn unk<T>(why: &str) -> Value<T> {
        Value::unknown(format!("bucket of a setting resource ({why})"), None, Vec::new())
    }
    match kind {
        0 if b.sse_algorithm.is_missing() => (b.sse_algorithm, b.sse_kms_key) = (unk(why), unk(why)),
        1 if b.versioning.is_missing() => b.versioning = unk(why),
        2 if !b.object_lock.is_true() => (b.object_lock, b.object_lock_retention) = (unk(why), unk(why)),
        3 => b.public_access_block = Some(PublicAccessBlock::all(|| unk(why))),
        4 if !b.acl.is_set() => b.acl = unk(why),
        5 => b.policies.push(unk(why)),
        6 if b.access_log_target.is_missing() => b.access_log_target = unk(why),
        // A split lifecycle configuration replaces the rules, whatever the bucket had.
        7 => {
            if !b.lifecycle.is_true() {
                b.lifecycle = unk(why);
            }
            b.lifecycle_rules = unk(why);
        }
        8 if b.object_ownership.is_missing() => b.object_ownership = unk(why),
        _ => {}
    }
}
