//! Hostile sizes (issue 19.8, 19.9): linking split bucket settings and applying
//! suppressions stay linear. Inputs are generated here (30,000 of each), at a size where
//! the former quadratic passes (every unknown-bucket setting against every bucket of the
//! unit; every finding against every directive of its file) took 9 * 10^8 steps each,
//! minutes in a debug build, while the linear ones take seconds; the tests assert the
//! outcome, not a time.

use blindspot::finding::Finding;
use blindspot::frontend::{EVal, Lang, Prop, RawResource, RefTo, Unit, V};
use blindspot::model::Iac;
use blindspot::model::vocab::Vocabulary;
use blindspot::policy::Severity;
use blindspot::source::{FileId, Span};

const N: usize = 30_000;

fn raw(resource_type: &str, name: &str, props: Vec<Prop>) -> RawResource {
    RawResource {
        address: format!("{resource_type}.{name}"),
        resource_type: resource_type.to_string(),
        iac: Iac::Terraform,
        lang: Lang::Terraform,
        header: Span::default(),
        props,
        instances: Vec::new(),
        instance: Default::default(),
        context: None,
        exists_if: None,
        module_calls: Vec::new(),
    }
}

fn prop(key: &str, v: V) -> Prop {
    Prop {
        key: key.to_string(),
        span: Span::default(),
        val: EVal::new(v, None),
    }
}

fn versioning(name: &str, bucket: V, status: &str) -> RawResource {
    raw(
        "aws_s3_bucket_versioning",
        name,
        vec![
            prop("bucket", bucket),
            prop(
                "versioning_configuration",
                V::Map(vec![prop("status", V::Str(status.to_string()))]),
            ),
        ],
    )
}

#[test]
fn split_bucket_settings_link_in_linear_time() {
    let mut unit = Unit::default();
    for i in 0..N {
        unit.resources.push(raw(
            "aws_s3_bucket",
            &format!("b{i}"),
            vec![prop("bucket", V::Str(format!("bucket-{i}")))],
        ));
    }
    // Settings whose bucket is not knowable: each one may configure every bucket of the unit.
    for i in 0..N {
        let unknown = V::Unknown {
            why: format!("var.bucket_{i}"),
            refs: Vec::new(),
            text: None,
        };
        unit.resources.push(versioning(&format!("u{i}"), unknown, "Suspended"));
    }
    // And one known setting per bucket, by reference: the known value wins.
    for i in 0..N {
        let r = V::Ref(RefTo {
            address: format!("aws_s3_bucket.b{i}"),
            attr: "id".to_string(),
        });
        unit.resources.push(versioning(&format!("v{i}"), r, "Enabled"));
    }
    let model = blindspot::adapt::build(&[unit]);
    assert_eq!(model.buckets.len(), N);
    assert!(
        model
            .buckets
            .iter()
            .all(|b| b.versioning.get().map(Vocabulary::as_str) == Some("Enabled"))
    );
}

#[test]
fn split_bucket_settings_with_unknown_buckets_make_every_bucket_unknown() {
    let mut unit = Unit::default();
    for i in 0..N {
        unit.resources.push(raw("aws_s3_bucket", &format!("b{i}"), Vec::new()));
    }
    for i in 0..N {
        let unknown = V::Unknown {
            why: format!("var.bucket_{i}"),
            refs: Vec::new(),
            text: None,
        };
        unit.resources.push(versioning(&format!("u{i}"), unknown, "Enabled"));
    }
    let model = blindspot::adapt::build(&[unit]);
    // The first unknown setting decides (the value is no longer missing after it).
    assert!(
        model
            .buckets
            .iter()
            .all(|b| b.versioning.unresolved() == Some("bucket of a setting resource (var.bucket_0)"))
    );
}

#[test]
fn suppressions_apply_in_linear_time() {
    let file = FileId(0);
    let mut text = String::new();
    let mut targets = Vec::new();
    let mut findings = Vec::new();
    // Targets borrow their address and type (from the model in a scan).
    let addresses: Vec<String> = (0..N).map(|i| format!("aws_cloudtrail.t{i}")).collect();
    for (i, address) in addresses.iter().enumerate() {
        text.push_str(&format!("# blindspot:ignore CT-01 accepted for test {i}\n"));
        let start = text.len();
        text.push_str(&format!("resource \"aws_cloudtrail\" \"t{i}\" {{\n"));
        let header = Span::new(file, start, text.len() - 3);
        text.push_str("  # checkov:skip=CKV_AWS_67:peer reason\n}\n");
        targets.push(blindspot::suppress::Target {
            address,
            resource_type: "aws_cloudtrail",
            iac: "terraform",
            header,
            exists: true,
        });
        findings.push(Finding {
            rule_id: "CT-01",
            rule_name: "trail-multi-region".to_string(),
            severity: Severity::High,
            message: format!("trail {address} records one region"),
            span: header,
            resource: Some(address.clone()),
            resource_type: Some("aws_cloudtrail".to_string()),
            iac: Some("terraform"),
            instances: Vec::new(),
            related: Vec::new(),
            help: String::new(),
            references: Vec::new(),
            context: None,
            attribute: "is_multi_region_trail".to_string(),
            field: "trail.multi_region",
            fix: None,
        });
    }
    // The front end collects the directives while it parses (no second text scan).
    let directives = blindspot::frontend::terraform::parse(file, &text).unwrap().directives;
    assert_eq!(directives.len(), 2 * N);
    let out = blindspot::suppress::apply(findings, &directives, &targets, "2026-01-01", false);
    assert_eq!(out.suppressed.len(), N);
    assert!(out.kept.is_empty());
    assert!(
        out.extra.iter().all(|f| f.rule_id == "SUP-02"),
        "only unused peer skips may be reported"
    );
}
