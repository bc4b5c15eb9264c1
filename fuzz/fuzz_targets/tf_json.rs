//! Terraform JSON syntax (`.tf.json`): parse, then evaluate as a root module.
#![no_main]

use blindspot::frontend::terraform;
use blindspot::source::FileId;
use blindspot_fuzz::{fingerprint, offset_inside, text, unit_inside};
use libfuzzer_sys::fuzz_target;

fn run(src: &str) -> Option<String> {
    match terraform::json_syntax::parse(FileId(0), src) {
        Err(d) => {
            offset_inside(src.len(), &d);
            None
        }
        Ok(parsed) => {
            let unit = terraform::evaluate_module(vec![parsed], &|_| true);
            unit_inside(src.len(), &unit);
            Some(fingerprint(&unit))
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(src) = text(data) else { return };
    assert_eq!(run(src), run(src), "a second evaluation differs");
});
