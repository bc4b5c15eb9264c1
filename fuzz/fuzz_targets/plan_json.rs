//! Terraform plan JSON (`terraform show -json`): the JSON loader, then the plan reader.
#![no_main]

use blindspot::doc;
use blindspot::frontend::terraform::plan;
use blindspot::source::FileId;
use blindspot_fuzz::{fingerprint, node_inside, text, unit_inside};
use libfuzzer_sys::fuzz_target;

fn run(src: &str) -> Option<String> {
    match doc::json::parse(src) {
        Err(e) => {
            assert!(e.offset <= src.len(), "{e:?}");
            None
        }
        Ok(root) => {
            node_inside(src.len(), &root);
            let plan = plan::is_plan(&root);
            let unit = plan::evaluate_plan(FileId(0), &root, &|_| true);
            unit_inside(src.len(), &unit);
            Some(format!("{plan}{}", fingerprint(&unit)))
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(src) = text(data) else { return };
    assert_eq!(run(src), run(src), "a second evaluation differs");
});
