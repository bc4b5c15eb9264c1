//! EventBridge event patterns: parse (JSON text), then match. The input is a pattern,
//! optionally followed by a NUL byte and an event (JSON) to match.
#![no_main]

use blindspot::patterns::EventPattern;
use blindspot_fuzz::text;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

fn events(extra: Option<&str>) -> Vec<Value> {
    let mut out = vec![json!({
        "version": "0", "id": "1", "source": "aws.cloudtrail", "account": "123456789012",
        "region": "us-east-1", "detail-type": "AWS API Call via CloudTrail",
        "detail": {"eventSource": "cloudtrail.amazonaws.com", "eventName": "StopLogging",
                   "sourceIPAddress": "10.0.0.1", "userIdentity": {"type": "Root"}, "n": 5.5,
                   "errorCode": null, "list": ["a", 1, true]}
    })];
    if let Some(e) = extra.and_then(|e| serde_json::from_str(e).ok()) {
        out.push(e);
    }
    out
}

fn run(pattern: &str, extra: Option<&str>) -> Result<(String, Vec<bool>), String> {
    match EventPattern::parse_str(pattern) {
        Err(e) => {
            assert!(e.offset <= pattern.len(), "{e:?}");
            Err(format!("{e:?}"))
        }
        Ok(p) => Ok((format!("{p:?}"), events(extra).iter().map(|e| p.matches(e)).collect())),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(src) = text(data) else { return };
    let (pattern, extra) = match src.split_once('\0') {
        Some((p, e)) => (p, Some(e)),
        None => (src, None),
    };
    assert_eq!(run(pattern, extra), run(pattern, extra), "a second run differs");
});
