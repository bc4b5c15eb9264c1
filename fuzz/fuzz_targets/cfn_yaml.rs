//! CloudFormation YAML: the YAML loader (anchors, aliases, merge keys, tags), then the
//! template evaluator (parameters, conditions, every intrinsic function).
#![no_main]

use blindspot::doc;
use blindspot::frontend::cloudformation::{self, Overrides};
use blindspot::source::FileId;
use blindspot_fuzz::{fingerprint, node_inside, text, unit_inside};
use libfuzzer_sys::fuzz_target;

fn run(src: &str) -> Option<String> {
    match doc::yaml::parse(src) {
        Err(e) => {
            assert!(e.offset <= src.len(), "{e:?}");
            None
        }
        Ok(root) => {
            node_inside(src.len(), &root);
            let template = cloudformation::is_template(&root);
            let unit = cloudformation::evaluate_template(FileId(0), &root, &Overrides::new(), &|_| true);
            unit_inside(src.len(), &unit);
            Some(format!("{template}{}", fingerprint(&unit)))
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(src) = text(data) else { return };
    assert_eq!(run(src), run(src), "a second evaluation differs");
});
