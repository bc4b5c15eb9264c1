//! Shared by the fixture tests: how a fixture case's `case.toml` turns into scan options.

use std::path::Path;

use blindspot::scan::Options;

/// The options for scanning fixture `case` with `rule` only. `case.toml` may set
/// `account = true` (account rules run), `strict = true`, and the config keys
/// `log_groups`, `unused_peer_suppressions`, `service_logs_are_security_logs` and
/// `data_events`.
pub fn case_options(case: &Path, rule: &str) -> Options {
    let t: toml::Table = std::fs::read_to_string(case.join("case.toml"))
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or_default();
    let flag = |key: &str| t.get(key).and_then(toml::Value::as_bool);
    Options {
        paths: vec![case.to_path_buf()],
        account: flag("account") == Some(true),
        strict: flag("strict") == Some(true),
        unused_peer_suppressions: flag("unused_peer_suppressions") == Some(true),
        service_logs_are_security_logs: (flag("service_logs_are_security_logs") == Some(false)).then_some(false),
        log_groups: t
            .get("log_groups")
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default(),
        data_events: t.get("data_events").and_then(toml::Value::as_str).map(String::from),
        only: vec![rule.to_string()],
        ..Default::default()
    }
}
