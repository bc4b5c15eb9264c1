//! `.blindspot.yml`: the config parser (YAML loader, then keys, rule ids, globs).
#![no_main]

use std::path::Path;

use blindspot::config;
use blindspot_fuzz::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(src) = text(data) else { return };
    let path = Path::new(".blindspot.yml");
    let first = config::parse(path, src);
    if let Err(message) = &first {
        assert!(
            message.starts_with(".blindspot.yml"),
            "error without a location: {message}"
        );
    }
    assert_eq!(first, config::parse(path, src), "a second run differs");
});
