//! The whole scan of one file, with suppression comments and `Metadata`, then every report
//! format. The first byte picks the file kind (`.tf`, CloudFormation YAML or JSON); the
//! rest is the file. Asserts: located errors, spans inside the file, output identical on a
//! second scan.
#![no_main]

use blindspot::report;
use blindspot::scan::{Options, ScanOutput, scan};
use blindspot_fuzz::{offset_inside, span_inside};
use libfuzzer_sys::fuzz_target;

fn render(out: &ScanOutput) -> String {
    [
        report::json::render(out),
        report::sarif::render(out),
        report::junit::render(out),
        report::github::render(out),
        report::human::render(out, false),
    ]
    .concat()
}

fn check(out: &ScanOutput, len: usize) {
    for f in out.findings.iter().chain(out.suppressed.iter().map(|s| &s.finding)) {
        span_inside(len, &f.span);
        for r in &f.related {
            span_inside(len, &r.span);
        }
    }
    for d in out.errors.iter().chain(&out.notes) {
        offset_inside(len, d);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, body)) = data.split_first() else {
        return;
    };
    let name = ["main.tf", "template.yaml", "template.json"][kind as usize % 3];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, body).unwrap();
    let opts = Options {
        paths: vec![path],
        today: Some("2026-06-01".into()),
        threads: Some(1),
        ..Default::default()
    };
    let first = scan(&opts).unwrap();
    check(&first, body.len());
    let second = scan(&opts).unwrap();
    assert_eq!(render(&first), render(&second), "a second scan differs");
});
