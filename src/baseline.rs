//! Baselines: `--write-baseline FILE` records the current findings by fingerprint;
//! `--baseline FILE` hides them, so only new findings are reported, and counts the
//! recorded ones that are gone (fixed). Fingerprints ignore line numbers, so moving code
//! around does not make old findings new. Files are recorded relative to the baseline
//! file's directory (and fingerprinted so), so a baseline written at the repository root
//! matches when scanning from a subdirectory, and the other way round.

use std::path::{Component, Path, PathBuf};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::report::fingerprint_at;
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

/// `path` absolute, with `.` and `..` resolved lexically.
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// The directory a baseline file's entries are relative to.
pub fn base_of(baseline_file: &Path) -> PathBuf {
    absolute(baseline_file.parent().unwrap_or(Path::new("")))
}

/// A shown path (relative to the current directory, or absolute) relative to `base`,
/// with `/`; `../` steps when the file is outside `base`.
pub fn relative_to(shown: &str, base: &Path) -> String {
    let file = absolute(Path::new(shown));
    let (f, b): (Vec<Component>, Vec<Component>) = (file.components().collect(), base.components().collect());
    let common = f.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return shown.to_string();
    }
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(f[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

fn print_at(out: &ScanOutput, f: &Finding, base: &Path) -> String {
    fingerprint_at(f, &relative_to(&out.file(f.span.file).path, base))
}

/// The baseline of a scan's (unsuppressed) findings, sorted, with files relative to the
/// current directory.
pub fn record(out: &ScanOutput) -> Baseline {
    record_at(out, &absolute(Path::new(".")))
}

/// The baseline of a scan's findings with files relative to `base` (the baseline file's directory).
pub fn record_at(out: &ScanOutput, base: &Path) -> Baseline {
    let mut findings: Vec<Entry> = out
        .findings
        .iter()
        .map(|f| Entry {
            fingerprint: print_at(out, f, base),
            rule_id: f.rule_id.to_string(),
            file: relative_to(&out.file(f.span.file).path, base),
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
    apply_at(out, b, &absolute(Path::new(".")));
}

/// [`apply`] for a baseline whose files are relative to `base`.
pub fn apply_at(out: &mut ScanOutput, b: &Baseline, base: &Path) {
    let mut recorded: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &b.findings {
        *recorded.entry(e.fingerprint.as_str()).or_default() += 1;
    }
    let prints: Vec<String> = out.findings.iter().map(|f| print_at(out, f, base)).collect();
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
    let suppressed: Vec<String> = out.suppressed.iter().map(|s| print_at(out, &s.finding, base)).collect();
    // Only entries this scan could have seen again count as fixed: their rule ran and
    // their file was scanned (not so with --rule, or in pre-commit's file mode).
    let scanned: std::collections::BTreeSet<String> = out.files.iter().map(|f| relative_to(&f.path, base)).collect();
    let fixed = b
        .findings
        .iter()
        .filter(|e| out.selected.contains(&e.rule_id.as_str()) && scanned.contains(&e.file))
        .map(|e| e.fingerprint.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|k| !seen.contains_key(*k) && !suppressed.iter().any(|s| s == *k))
        .count();
    let baselined = keep.iter().filter(|k| !**k).count();
    let all = std::mem::take(&mut out.findings);
    for (f, keep) in all.into_iter().zip(keep) {
        if keep {
            out.findings.push(f);
        } else {
            out.baselined_findings.push(f);
        }
    }
    out.baselined = baselined;
    out.fixed = fixed;
}
