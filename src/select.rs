//! Rule selectors for `--rule`/`--skip`, the config's `rules`/`skip` and `explain`:
//! ids and names, comma lists, globs (`MON-*`), severities (`high`) and peer tools'
//! check ids (`CKV_AWS_67`, `AVD-AWS-0014`, `aws-cloudtrail-enable-all-regions`), through
//! the `[equivalents]` table of each policy.

use crate::policy::Severity;
use crate::rules::{self, RULES};

/// The blindspot rules whose `[equivalents]` list the peer check `id` (any tool).
pub fn peer(id: &str) -> Vec<&'static str> {
    RULES
        .iter()
        .filter(|r| {
            let e = &r.policy().equivalents;
            [&e.checkov, &e.tfsec, &e.trivy, &e.cfn_nag, &e.kics]
                .iter()
                .any(|l| l.iter().any(|p| p.eq_ignore_ascii_case(id)))
        })
        .map(|r| r.id)
        .collect()
}

/// The rule id or name closest to a mistyped `key`, when close enough to be a typo.
pub fn suggest(key: &str) -> Option<&'static str> {
    let key = key.to_ascii_lowercase();
    RULES
        .iter()
        .flat_map(|r| {
            let p = r.policy();
            [(r.id, r.id.to_ascii_lowercase()), (r.id, p.name.clone())]
        })
        .map(|(id, cand)| (strsim::levenshtein(&key, &cand), id))
        .filter(|(d, _)| *d <= 2.max(key.len() / 4))
        .min()
        .map(|(_, id)| id)
}

/// The message for a selector that names nothing.
fn unknown(key: &str) -> String {
    match suggest(key) {
        Some(s) => format!("an unknown rule \"{key}\" (did you mean {s}?)"),
        None => format!("an unknown rule \"{key}\" (see `blindspot rules`)"),
    }
}

/// The rule ids one selector names.
fn one(sel: &str) -> Result<Vec<&'static str>, String> {
    if let Some(r) = rules::find(sel) {
        return Ok(vec![r.id]);
    }
    if let Some(s) = Severity::parse(&sel.to_ascii_lowercase()) {
        return Ok(RULES
            .iter()
            .filter(|r| r.policy().severity == s)
            .map(|r| r.id)
            .collect());
    }
    if sel.contains(['*', '?', '[']) {
        let glob = globset::GlobBuilder::new(sel)
            .case_insensitive(true)
            .build()
            .map_err(|e| format!("a bad rule pattern \"{sel}\": {e}"))?
            .compile_matcher();
        let ids: Vec<&'static str> = RULES
            .iter()
            .filter(|r| glob.is_match(r.id) || glob.is_match(&r.policy().name))
            .map(|r| r.id)
            .collect();
        return if ids.is_empty() {
            Err(format!("a rule pattern \"{sel}\" that matches no rule"))
        } else {
            Ok(ids)
        };
    }
    let ids = peer(sel);
    if ids.is_empty() { Err(unknown(sel)) } else { Ok(ids) }
}

/// Expands selectors (each possibly a comma list) to rule ids, in catalogue order without
/// repeats. `Err` says what is wrong ("an unknown rule \"X\" (did you mean CT-01?)").
pub fn expand(selectors: &[String]) -> Result<Vec<String>, String> {
    let mut ids: Vec<&'static str> = Vec::new();
    // Guard rules (`GUARD:<rule name>`, issue 15) are known only once policies load.
    let mut guard: Vec<String> = Vec::new();
    for s in selectors {
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if crate::rule_ids::is_guard(part) {
                guard.push(part.to_string());
                continue;
            }
            ids.extend(one(part)?);
        }
    }
    Ok(RULES
        .iter()
        .filter(|r| ids.contains(&r.id))
        .map(|r| r.id.to_string())
        .chain(guard)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &[&str]) -> Vec<String> {
        expand(&s.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn selectors_expand_lists_globs_severities_and_peer_ids() {
        assert_eq!(
            ids(&["CT-01,ct-02", " cloudtrail-multi-region "]),
            vec!["CT-01", "CT-02"]
        );
        let mon = ids(&["MON-*"]);
        assert!(mon.len() > 5 && mon.iter().all(|i| i.starts_with("MON-")), "{mon:?}");
        let high = ids(&["high"]);
        assert!(high.contains(&"CT-01".to_string()));
        assert!(
            high.iter()
                .all(|i| rules::find(i).unwrap().policy().severity == Severity::High)
        );
        assert_eq!(ids(&["CKV_AWS_67"]), vec!["CT-01"]);
        assert_eq!(ids(&["AVD-AWS-0014"]), vec!["CT-01"]);
        assert_eq!(ids(&["CKV2_AWS_11"]), vec!["VPC-01"]);
    }

    #[test]
    fn typos_get_a_suggestion() {
        let e = expand(&["CT-1".to_string()]).unwrap_err();
        assert!(e.contains("did you mean CT-01?"), "{e}");
        let e = expand(&["cloudtrail-multiregion".to_string()]).unwrap_err();
        assert!(e.contains("did you mean CT-01?"), "{e}");
        let e = expand(&["XYZ-*".to_string()]).unwrap_err();
        assert!(e.contains("matches no rule"), "{e}");
        assert_eq!(suggest("completely-unrelated-words"), None);
    }
}
