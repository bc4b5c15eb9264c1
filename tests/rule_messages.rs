//! The rendered finding of every failing fixture, one snapshot per rule: each rule's
//! messages are pinned (as oxc snapshots its diagnostics), so a wording change shows up
//! in review. The format is the finding itself (location, rule, message, instances), not a
//! reporter's layout, so reporters can change without touching these.

use std::path::Path;

use blindspot::scan::scan;

mod common;

#[test]
fn every_failing_fixture_renders_its_findings() {
    for rule in blindspot::rules::active() {
        let dir = Path::new("testdata/rules").join(rule.id);
        let mut cases: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir() && p.file_name().unwrap().to_string_lossy().contains("fail"))
            .collect();
        cases.sort();
        let mut text = String::new();
        for case in cases {
            let out = scan(&common::case_options(&case, rule.id)).unwrap();
            text.push_str(&format!("== {}\n", case.file_name().unwrap().to_string_lossy()));
            for f in &out.findings {
                let file = out.file(f.span.file);
                let pos = file.position(f.span.start);
                let shown = file
                    .path
                    .strip_prefix(&format!("{}/", case.display()))
                    .unwrap_or(&file.path);
                text.push_str(&format!(
                    "{shown}:{}:{} {} {}\n",
                    pos.line, pos.column, f.rule_id, f.message
                ));
                if !f.instances.is_empty() {
                    text.push_str(&format!("  instances: {}\n", f.instances.join(", ")));
                }
            }
        }
        insta::assert_snapshot!(format!("rule_messages_{}", rule.id), text);
    }
}
