//! Snapshots of the human and JSON reports for the bundled demo project.

use blindspot::report;
use blindspot::scan::{Options, scan};

fn demo() -> blindspot::scan::ScanOutput {
    scan(&Options {
        paths: vec!["testdata/demo".into()],
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn demo_human_report() {
    insta::assert_snapshot!(report::human::render(&demo(), false));
}

#[test]
fn demo_json_report() {
    insta::assert_snapshot!(report::json::render(&demo()));
}

#[test]
fn human_report_has_no_escape_sequences_without_colour() {
    let text = report::human::render(&demo(), false);
    assert!(!text.contains('\u{1b}'), "escape sequence in plain output");
}
