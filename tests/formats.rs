//! Machine formats: SARIF validates against the OASIS SARIF 2.1.0 schema, the JSON report
//! against `docs/report.schema.json`; JUnit and GitHub output are snapshot-tested.

use blindspot::report;
use blindspot::scan::{Options, ScanOutput, scan};

fn scan_paths(paths: &[&str]) -> ScanOutput {
    scan(&Options {
        paths: paths.iter().map(Into::into).collect(),
        today: Some("2026-06-01".into()),
        ..Default::default()
    })
    .unwrap()
}

fn demo() -> ScanOutput {
    scan_paths(&["testdata/demo"])
}

/// A scan with findings, suppressed findings, related locations and suppression findings.
fn rich() -> ScanOutput {
    scan_paths(&[
        "testdata/demo",
        "testdata/suppressions/tf-checkov",
        "testdata/suppressions/cfn-yaml-ours",
        "testdata/rules/SUP-01/tf-fail",
        "testdata/rules/SUP-02/cfn-yaml-fail",
        "testdata/rules/CT-01/tf-fail-var-default",
    ])
}

fn validate(schema_path: &str, instance: &serde_json::Value) {
    let errors = schema_errors(schema_path, instance);
    assert!(errors.is_empty(), "{schema_path}:\n{}", errors.join("\n"));
}

fn schema_errors(schema_path: &str, instance: &serde_json::Value) -> Vec<String> {
    let text = std::fs::read_to_string(schema_path).unwrap();
    // The OASIS schema's `language` pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` has a
    // stray `]`: ECMA-262 (Annex B) reads it as a literal, jsonschema's meta-schema check
    // rejects the pattern. Escaping it keeps the meaning; the file itself stays untouched.
    let text = text.replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}\\\\]?$");
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .build(&schema)
        .unwrap_or_else(|e| panic!("{schema_path}: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    errors
}

#[test]
fn the_schemas_reject_broken_reports() {
    let mut v: serde_json::Value = serde_json::from_str(&report::sarif::render(&demo())).unwrap();
    v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert!(!schema_errors("testdata/schemas/sarif-schema-2.1.0.json", &v).is_empty());
    let mut v: serde_json::Value = serde_json::from_str(&report::json::render(&demo())).unwrap();
    v["findings"][0]["severity"] = "urgent".into();
    assert!(!schema_errors("docs/report.schema.json", &v).is_empty());
}

#[test]
fn sarif_validates_against_the_oasis_schema() {
    for out in [demo(), rich(), scan_paths(&["testdata/no-such-dir"])] {
        let v: serde_json::Value = serde_json::from_str(&report::sarif::render(&out)).unwrap();
        validate("testdata/schemas/sarif-schema-2.1.0.json", &v);
    }
}

#[test]
fn sarif_has_what_github_code_scanning_needs() {
    let out = rich();
    let v: serde_json::Value = serde_json::from_str(&report::sarif::render(&out)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap()
            .ends_with('/')
    );
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), blindspot::rules::RULES.len());
    let ct01 = rules.iter().find(|r| r["id"] == "CT-01").unwrap();
    assert_eq!(ct01["name"], "cloudtrail-multi-region");
    assert_eq!(ct01["properties"]["security-severity"], "8.0");
    assert!(ct01["helpUri"].as_str().unwrap().ends_with("docs/rules/CT-01.md"));
    assert!(ct01["help"]["markdown"].as_str().unwrap().starts_with("# CT-01"));
    let tags: Vec<&str> = ct01["properties"]["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(tags.contains(&"CIS AWS Foundations 3.1"), "{tags:?}");
    let results = run["results"].as_array().unwrap();
    assert_eq!(
        results.iter().filter(|r| r.get("suppressions").is_none()).count(),
        out.findings.len()
    );
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(std::path::Path::new(uri).is_file(), "{uri} does not exist");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(r["partialFingerprints"]["blindspotFingerprint/v1"].is_string());
    }
    let with_related = results
        .iter()
        .find(|r| r.get("relatedLocations").is_some())
        .expect("a result with related locations");
    for l in with_related["relatedLocations"].as_array().unwrap() {
        let uri = l["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(std::path::Path::new(uri).is_file(), "{uri}");
    }
    let suppressed: Vec<_> = results.iter().filter(|r| r.get("suppressions").is_some()).collect();
    assert_eq!(suppressed.len(), out.suppressed.len());
    assert!(!suppressed.is_empty());
}

#[test]
fn json_report_validates_against_its_schema() {
    for out in [demo(), rich(), scan_paths(&["testdata/no-such-dir"])] {
        let v: serde_json::Value = serde_json::from_str(&report::json::render(&out)).unwrap();
        validate("docs/report.schema.json", &v);
    }
    let v: serde_json::Value = serde_json::from_str(&report::json::render(&rich())).unwrap();
    assert!(!v["suppressed"].as_array().unwrap().is_empty());
}

#[test]
fn demo_junit_report() {
    insta::assert_snapshot!(report::junit::render(&demo()));
}

#[test]
fn demo_github_report() {
    insta::assert_snapshot!(report::github::render(&demo()));
}

#[test]
fn junit_is_well_formed_for_errors_and_empty_scans() {
    let empty = report::junit::render(&scan_paths(&["testdata/schemas"]));
    assert!(empty.contains("<testcase name=\"no findings\""), "{empty}");
    let missing = report::junit::render(&scan_paths(&["testdata/no-such-dir"]));
    assert!(missing.contains("<error message="), "{missing}");
    assert_eq!(report::junit::escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
}

#[test]
fn github_commands_escape_data_and_properties() {
    use report::github::{escape_data, escape_property};
    assert_eq!(escape_data("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
    assert_eq!(escape_property("dir,x/a:b.tf%\n"), "dir%2Cx/a%3Ab.tf%25%0A");
    let text = report::github::render(&demo());
    for line in text.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
    }
}

#[test]
fn fingerprints_survive_line_moves() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("testdata/rules/CT-01/tf-fail/main.tf").unwrap();
    let path = dir.path().join("main.tf");
    std::fs::write(&path, &text).unwrap();
    let prints = |o: &ScanOutput| -> Vec<String> { o.findings.iter().map(|f| report::fingerprint(o, f)).collect() };
    let opts = Options {
        paths: vec![path.clone()],
        only: vec!["CT-01".into()],
        ..Default::default()
    };
    let before = prints(&scan(&opts).unwrap());
    std::fs::write(&path, format!("\n\n# moved down\n{text}")).unwrap();
    let after_out = scan(&opts).unwrap();
    assert_ne!(after_out.findings[0].span.start, 0);
    assert_eq!(before, prints(&after_out));
}
