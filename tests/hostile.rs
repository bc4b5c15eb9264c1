//! Issue 19: hostile input never costs more than its size. Every input is generated here
//! (no large committed files). None of these tests is timed: each runs at a size where
//! the old quadratic or copying behaviour takes minutes or runs out of memory, while the
//! fixed code finishes well under a second even in a debug build.

use std::path::Path;

use blindspot::report;
use blindspot::scan::{Options, ScanOutput, scan};

fn scan_dir(dir: &Path) -> ScanOutput {
    scan(&Options {
        paths: vec![dir.to_path_buf()],
        today: Some("2026-06-01".into()),
        ..Default::default()
    })
    .unwrap()
}

fn scan_one(name: &str, text: &str) -> ScanOutput {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    scan_dir(dir.path())
}

/// Every report format, rendered twice (identical both times).
fn render_all(out: &ScanOutput) -> Vec<String> {
    let all = vec![
        report::human::render(out, false),
        report::human::render(out, true),
        report::json::render(out),
        report::sarif::render(out),
        report::junit::render(out),
        report::github::render(out),
    ];
    assert_eq!(all[0], report::human::render(out, false));
    all
}

fn errors(out: &ScanOutput) -> String {
    out.errors
        .iter()
        .map(|n| n.message.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A CloudFormation trail that breaks CT-01 (not multi-region), as one JSON line.
fn trail_json(name: &str) -> String {
    format!(
        r#""{name}":{{"Type":"AWS::CloudTrail::Trail","Properties":{{"IsLogging":true,"S3BucketName":"b","IsMultiRegionTrail":false}}}}"#
    )
}

/// Item 0: a finding at column > 65,535 of a one-line template crashed miette's
/// graphical handler ("Formatting argument out of range"). Now the code frame is cut
/// around the label and shows the real column.
#[test]
fn findings_far_into_a_long_line_render_in_every_format() {
    let description = "x".repeat(70_000);
    let text = format!(
        r#"{{"AWSTemplateFormatVersion":"2010-09-09","Description":"{description}","Resources":{{{}}}}}"#,
        trail_json("Trail")
    );
    let out = scan_one("template.json", &text);
    assert!(out.findings.iter().any(|f| f.rule_id == "CT-01"), "{:?}", out.findings);
    let rendered = render_all(&out);
    let human = &rendered[0];
    // On line 1 the byte column is the offset plus one.
    let col = out.findings.iter().find(|f| f.rule_id == "CT-01").unwrap().span.start as usize;
    assert!(col > 65_535);
    // The header names the real line and byte column; the frame is short.
    assert!(human.contains(&format!("template.json:1:{}]", col + 1)), "{human}");
    assert!(human.contains('…'), "{human}");
    assert!(human.len() < 20_000, "{} bytes", human.len());
}

/// Items 0 and 7: thousands of findings on one minified line (4,900 trails and 4,900
/// buckets, about 1 MB on one line). Positions are found without scanning the line, and
/// every code frame is cut from a small excerpt: rendering each frame from the file start
/// (as miette does with the whole file) read 4,900 x 1 MB several times, minutes in a
/// debug build; now the whole test takes seconds.
#[test]
fn thousands_of_findings_on_one_line_render_quickly() {
    let mut resources: Vec<String> = (0..4_900).map(|i| trail_json(&format!("Trail{i}"))).collect();
    resources.extend((0..4_900).map(|i| {
        format!(r#""Bucket{i}":{{"Type":"AWS::S3::Bucket","Properties":{{"BucketName":"bucket-{i}-with-a-longer-name-to-fill-the-line"}}}}"#)
    }));
    let text = format!(
        r#"{{"AWSTemplateFormatVersion":"2010-09-09","Resources":{{{}}}}}"#,
        resources.join(",")
    );
    assert!(text.len() > 900_000 && !text.contains('\n'));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("template.json"), &text).unwrap();
    let out = scan(&Options {
        paths: vec![dir.path().to_path_buf()],
        only: vec!["CT-01".into()],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(out.findings.len(), 4_900);
    let human = report::human::render(&out, false);
    assert!(human.len() < out.findings.len() * 2_000, "{} bytes", human.len());
    let last = out.findings.iter().map(|f| f.span.start).max().unwrap() as usize;
    assert!(human.contains(&format!("template.json:1:{}]", last + 1)));
    let json = report::json::render(&out);
    assert!(
        json.contains(&format!("\"start_column\": {}", last + 1)),
        "{}",
        &json[..2000]
    );
}

/// Item 1: `format("%.65536f", 1)` panicked; now the value is an error (unknown) and the
/// scan goes on.
#[test]
fn absurd_format_precision_is_an_unknown_value() {
    let tf = r#"
resource "aws_cloudtrail" "t" {
  name                  = format("%.65536f", 1)
  s3_bucket_name        = formatlist("%99999d", [1, 2])[0]
  is_multi_region_trail = false
}
"#;
    let out = scan_one("main.tf", tf);
    assert!(out.errors.is_empty(), "{}", errors(&out));
    assert!(out.findings.iter().any(|f| f.rule_id == "CT-01"));
    render_all(&out);
}

fn notes(out: &ScanOutput) -> Vec<(String, usize, String)> {
    out.notes
        .iter()
        .map(|n| {
            let f = out.file(n.file);
            let line = n.offset.map_or(0, |o| f.position(o).line as usize);
            (f.path.rsplit('/').next().unwrap().to_string(), line, n.message.clone())
        })
        .collect()
}

/// Item 5: a loop variable holding a 10,000-item list, read 10,000 times, built 100
/// million values. Copies are charged to the evaluation budget by size; the scan ends
/// with a located note and the values left unknown.
#[test]
fn terraform_repetition_is_charged_to_the_budget() {
    let tf = r#"locals {
  big = range(10000)
  out = [for b in [local.big] : [for i in range(10000) : b]]
}

resource "aws_cloudtrail" "t" {
  name                  = "t"
  s3_bucket_name        = "b"
  is_multi_region_trail = length(local.out[0]) == 10000 ? false : false
}
"#;
    let out = scan_one("main.tf", tf);
    assert!(out.errors.is_empty(), "{}", errors(&out));
    let notes = notes(&out);
    let budget: Vec<_> = notes
        .iter()
        .filter(|n| n.2.starts_with("evaluation budget exceeded"))
        .collect();
    assert_eq!(budget.len(), 1, "{notes:?}");
    // Located at the repeated read of `b` (line 3).
    assert_eq!((budget[0].0.as_str(), budget[0].1), ("main.tf", 3), "{notes:?}");
    // The value that needed the budget is unknown: no finding from it.
    assert!(!out.findings.iter().any(|f| f.rule_id == "CT-01"), "{:?}", out.findings);
    render_all(&out);
}

/// Item 4 through the whole scan: the note reaches the report with its location.
#[test]
fn cloudformation_shared_values_end_in_a_located_note() {
    let items = vec!["a"; 100_000].join(",");
    let refs = vec!["!Ref Big"; 1_000].join(", ");
    let yaml = format!(
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Big:\n    Type: List<String>\n    Default: [{items}]\n\
         Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n\
         \x20     S3BucketName: b\n      IsMultiRegionTrail: false\n      Tags: [{refs}]\n"
    );
    let out = scan_one("template.yaml", &yaml);
    assert!(out.errors.is_empty(), "{}", errors(&out));
    let notes = notes(&out);
    assert!(
        notes
            .iter()
            .any(|n| n.0 == "template.yaml" && n.1 == 13 && n.2.starts_with("evaluation budget exceeded")),
        "{notes:?}"
    );
    // Values that do not depend on the budget are still judged.
    assert!(out.findings.iter().any(|f| f.rule_id == "CT-01"));
}

/// Budget: file size. A sparse file over the limit is reported without being read.
#[test]
fn files_over_the_size_limit_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let big = std::fs::File::create(dir.path().join("big.tf")).unwrap();
    big.set_len(blindspot::scan::MAX_FILE_SIZE + 1).unwrap();
    std::fs::write(
        dir.path().join("ok.tf"),
        "resource \"aws_cloudtrail\" \"t\" {\n  is_multi_region_trail = false\n}\n",
    )
    .unwrap();
    let out = scan_dir(dir.path());
    assert!(errors(&out).contains("file is too large"), "{}", errors(&out));
    assert!(out.findings.iter().any(|f| f.rule_id == "CT-01"));
}

/// Budget: nesting depth in HCL (hcl-edit stops at 64 levels) is a located error.
#[test]
fn deep_hcl_is_a_located_error() {
    let tf = format!("locals {{\n  x = {}1{}\n}}\n", "(".repeat(20_000), ")".repeat(20_000));
    let out = scan_one("main.tf", &tf);
    assert_eq!(out.errors.len(), 1);
    assert!(errors(&out).contains("nesting depth"), "{}", errors(&out));
    assert!(out.errors[0].offset.is_some());
    render_all(&out);
}
