//! Baselines: `--write-baseline FILE` records the current findings by fingerprint;
//! `--baseline FILE` hides them, so only new findings are reported, and counts the
//! recorded ones that are gone (fixed). Fingerprints ignore line numbers, so moving code
//! around does not make old findings new.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::report::fingerprint;
use crate::scan::ScanOutput;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One recorded finding. Only `fingerprint` is matched; the rest helps reviewers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule_id: String,
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
}

/// The baseline of a scan's (unsuppressed) findings, sorted.
pub fn record(out: &ScanOutput) -> Baseline {
    let mut findings: Vec<Entry> = out
        .findings
        .iter()
        .map(|f| Entry {
            fingerprint: fingerprint(out, f),
            rule_id: f.rule_id.to_string(),
            file: out.file(f.span.file).path.clone(),
            resource: f.resource.clone(),
        })
        .collect();
    findings.sort();
    findings.dedup();
    Baseline { version: 1, findings }
}

pub fn to_json(b: &Baseline) -> String {
    serde_json::to_string_pretty(b).unwrap_or_default() + "\n"
}

pub fn parse(text: &str) -> Result<Baseline, String> {
    let b: Baseline = serde_json::from_str(text).map_err(|e| format!("not a blindspot baseline: {e}"))?;
    if b.version != 1 {
        return Err(format!("unsupported baseline version {}", b.version));
    }
    Ok(b)
}

/// Hides the findings `b` records; sets `out.baselined` and `out.fixed`.
pub fn apply(out: &mut ScanOutput, b: &Baseline) {
    let mut recorded: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &b.findings {
        *recorded.entry(e.fingerprint.as_str()).or_default() += 1;
    }
    let prints: Vec<String> = out.findings.iter().map(|f| fingerprint(out, f)).collect();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut keep = Vec::with_capacity(out.findings.len());
    for p in &prints {
        let hidden = recorded.contains_key(p.as_str());
        if hidden {
            *seen.entry(p.as_str()).or_default() += 1;
        }
        keep.push(!hidden);
    }
    // Findings now suppressed inline are not fixed either.
    let suppressed: Vec<String> = out.suppressed.iter().map(|s| fingerprint(out, &s.finding)).collect();
    // Only entries this scan could have seen again count as fixed: their rule ran and
    // their file was scanned (not so with --rule, or in pre-commit's file mode).
    let scanned: std::collections::BTreeSet<&str> = out.files.iter().map(|f| f.path.as_str()).collect();
    let fixed = b
        .findings
        .iter()
        .filter(|e| out.selected.contains(&e.rule_id.as_str()) && scanned.contains(e.file.as_str()))
        .map(|e| e.fingerprint.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|k| !seen.contains_key(*k) && !suppressed.iter().any(|s| s == *k))
        .count();
    let baselined = keep.iter().filter(|k| !**k).count();
    let mut i = 0;
    out.findings.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    out.baselined = baselined;
    out.fixed = fixed;
}
