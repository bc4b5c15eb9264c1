//! CloudWatch Logs filter patterns: parse, then match. The input is a pattern, optionally
//! followed by a NUL byte and a log event (a JSON object or a raw line) to match.
#![no_main]

use blindspot::patterns::FilterPattern;
use blindspot_fuzz::text;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

fn events(extra: Option<&str>) -> Vec<Value> {
    let mut out = vec![
        json!({"eventName": "ConsoleLogin", "errorCode": "AccessDenied", "userIdentity": {"type": "Root"},
               "responseElements": {"ConsoleLogin": "Failure"}, "additionalEventData": {"MFAUsed": "No"},
               "eventSource": "iam.amazonaws.com", "sourceIPAddress": "10.0.0.1", "n": 5, "list": [1, "a", null]}),
        json!("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326 ERROR"),
    ];
    if let Some(e) = extra {
        out.push(serde_json::from_str(e).unwrap_or_else(|_| Value::String(e.to_string())));
    }
    out
}

fn run(pattern: &str, extra: Option<&str>) -> Result<(String, Vec<bool>), String> {
    match FilterPattern::parse(pattern) {
        Err(e) => {
            assert!(e.offset <= pattern.len(), "{e:?}");
            Err(format!("{e:?}"))
        }
        Ok(p) => {
            let mut results = Vec::new();
            for ev in events(extra) {
                results.push(p.matches(&ev));
                if let Value::String(line) = &ev {
                    results.push(p.matches_text(line));
                }
            }
            Ok((format!("{p:?} {:?}", p.kind()), results))
        }
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
