//! Suppressions: blindspot's own (`# blindspot:ignore CT-01 reason`, CloudFormation
//! `Metadata.blindspot.ignore`) and the ones teams already have for peer tools (Checkov,
//! tfsec, Trivy, cfn_nag), mapped to blindspot rules through the `equivalents` table of
//! `policies/`. Also reports ignores without a reason (SUP-01) and ignores that match
//! nothing (SUP-02).
//!
//! [`apply`] is a pure function of the findings, the directives the front ends collected
//! ([`crate::directive`]), the resources findings are on (plain data), the policies, the
//! day and the options: it reads no model and no file text.

use std::collections::HashMap;

pub use crate::directive::{Directive, Placement, Tool};
use crate::finding::Finding;
use crate::policy::Policy;
use crate::rules::RULES;
use crate::source::{FileId, Span};

/// A finding hidden by a suppression.
#[derive(Clone, Debug, PartialEq)]
pub struct Suppressed {
    pub finding: Finding,
    pub kind: &'static str,
    pub reason: String,
}

/// A resource findings may be on, as suppression needs it (taken from the model by the
/// scan): where its header is and whether it is known to exist.
#[derive(Clone, Debug)]
pub struct Target<'a> {
    pub address: &'a str,
    pub resource_type: &'a str,
    pub iac: &'static str,
    pub header: Span,
    /// `false` when the resource may not exist (unknown `count`/`for_each`, an unknown
    /// CloudFormation `Condition`).
    pub exists: bool,
}

/// The blindspot rules a directive names (through `equivalents` for peer tools).
pub fn rules_for(tool: Tool, id: &str) -> Vec<&'static str> {
    let mut out = rules_for_in(RULES.iter().map(|r| (r.id, r.policy())), tool, id);
    // Guard rules of the loaded policies, by their id `GUARD:<rule name>` (issue 15).
    if tool == Tool::Blindspot {
        out.extend(crate::rule_ids::lookup(id));
    }
    out
}

fn rules_for_in<'a>(
    policies: impl Iterator<Item = (&'static str, &'a Policy)>,
    tool: Tool,
    id: &str,
) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (rule, p) in policies {
        let eq = &p.equivalents;
        let hit = match tool {
            Tool::Blindspot => rule.eq_ignore_ascii_case(id) || p.name == id,
            Tool::Checkov => eq.checkov.iter().any(|c| c.eq_ignore_ascii_case(id)),
            // tfsec ids are also accepted by Trivy, and Trivy's AVD ids by tfsec's successor.
            // Since trivy-checks moved its primary ids from `AVD-AWS-0014` to `AWS-0014`
            // (December 2025; the AVD form stays an alias), both spellings name one check.
            Tool::Tfsec | Tool::Trivy => eq.tfsec.iter().chain(&eq.trivy).any(|c| {
                c.eq_ignore_ascii_case(id)
                    || c.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("AVD-")) && c[4..].eq_ignore_ascii_case(id)
            }),
            Tool::CfnNag => eq.cfn_nag.iter().any(|c| c.eq_ignore_ascii_case(id)),
        };
        if hit {
            out.push(rule);
        }
    }
    out
}

/// Today's date as `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

/// What [`apply`] produced.
#[derive(Default)]
pub struct Outcome {
    pub kept: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
    /// SUP-01 and SUP-02 findings.
    pub extra: Vec<Finding>,
    /// Notes about the suppressions (a blindspot ignore of a retired rule).
    pub notes: Vec<crate::frontend::Diagnostic>,
}

/// A SUP-01/SUP-02 finding, built like every rule's ([`Finding::new`] from its policy).
fn sup_finding(
    rule: &'static str,
    span: Span,
    resource: Option<&Target>,
    attribute: String,
    message: String,
) -> Finding {
    let policy = crate::rules::find(rule)
        .map(|r| r.policy())
        .expect("SUP-01 and SUP-02 are registered rules");
    let mut f = Finding::new(rule, policy, message, span);
    if let Some(t) = resource {
        f.resource = Some(t.address.to_string());
        f.resource_type = Some(t.resource_type.to_string());
        f.iac = Some(t.iac);
    }
    f.attribute = attribute;
    f
}

/// Comment directives of one file by the lines they target: sorted, disjoint line ranges,
/// each with the indexes of its directives in file order.
#[derive(Default)]
struct Lines {
    ranges: Vec<(u32, u32)>,
    at: HashMap<u32, Vec<usize>>,
}

impl Lines {
    /// The directives whose target line holds byte `offset`.
    fn find(&self, offset: u32) -> &[usize] {
        let i = self.ranges.partition_point(|(lo, _)| *lo <= offset);
        match i.checked_sub(1).map(|i| self.ranges[i]) {
            Some((lo, hi)) if offset <= hi => self.at.get(&lo).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }
}

/// Splits `findings` into kept and suppressed, and reports reason-less (SUP-01) and
/// unused (SUP-02) suppressions. `findings` must hold every rule's findings, so that an
/// ignore for a rule that was not selected is not called unused. `targets` are the
/// resources of the model.
///
/// A suppression is judged unused only on a resource known to exist: one with zero
/// instances under the evaluated variables (`count = 0`, an empty `for_each`, a module
/// called zero times) or whose existence is unknown may hide findings blindspot cannot see
/// today. Peer tools' suppressions are judged only with `judge_peers`
/// (`--unused-peer-suppressions`): they may still serve their own tool, and never when the
/// policy says the peer check judges more than the rule (`[equivalents.broader]`).
pub fn apply(
    findings: Vec<Finding>,
    directives: &[Directive],
    targets: &[Target],
    today: &str,
    judge_peers: bool,
) -> Outcome {
    // The resource a finding is on, by (file, address); the last one wins, as each file's
    // addresses are unique but for the instances of one block.
    let by_address: HashMap<(FileId, &str), &Target> =
        targets.iter().map(|t| ((t.header.file, t.address), t)).collect();
    // Whether a resource block is known to exist: any of its resources does.
    let mut exists_at: HashMap<(FileId, u32), bool> = HashMap::new();
    for t in targets {
        *exists_at.entry((t.header.file, t.header.start)).or_default() |= t.exists;
    }
    let mut lines: HashMap<FileId, Lines> = HashMap::new();
    let mut in_block: HashMap<(FileId, u32), Vec<usize>> = HashMap::new();
    let mut on_resource: HashMap<(FileId, &str), Vec<usize>> = HashMap::new();
    for (i, d) in directives.iter().enumerate() {
        let file = d.span.file;
        match &d.placement {
            Placement::Comment { line, block } => {
                if line.0 < line.1 {
                    let l = lines.entry(file).or_default();
                    l.ranges.push(*line);
                    l.at.entry(line.0).or_default().push(i);
                }
                if let Some(b) = block {
                    in_block.entry((file, *b)).or_default().push(i);
                }
            }
            Placement::Metadata { address } => on_resource.entry((file, address.as_str())).or_default().push(i),
        }
    }
    for l in lines.values_mut() {
        l.ranges.sort_unstable();
        l.ranges.dedup();
    }
    let valid = |d: &Directive| !d.lacks_reason() && d.expires.as_deref().is_none_or(|e| e >= today);
    let mut used = vec![false; directives.len()];
    // The rules each directive names, looked up once per directive.
    let mut named: Vec<Option<Vec<&'static str>>> = vec![None; directives.len()];
    let mut out = Outcome::default();
    for f in findings {
        let file = f.span.file;
        let target = f.resource.as_deref().and_then(|a| by_address.get(&(file, a)).copied());
        // Only the directives that can apply, looked up by line and block, so applying
        // suppressions is linear, not findings x directives (issue 19 item 9): comments
        // aimed at the finding's line or at its resource's header line, comments inside
        // its resource's block, then its resource's `Metadata`.
        let mut candidates: Vec<usize> = Vec::new();
        if let Some(l) = lines.get(&file) {
            candidates.extend(l.find(f.span.start));
            if let Some(t) = target {
                candidates.extend(l.find(t.header.start));
            }
        }
        if let Some(t) = target {
            candidates.extend(in_block.get(&(file, t.header.start)).into_iter().flatten());
        }
        candidates.sort_unstable();
        candidates.dedup();
        if let Some(t) = target {
            candidates.extend(on_resource.get(&(file, t.address)).into_iter().flatten());
        }
        let mut hit: Option<(&'static str, String)> = None;
        for i in candidates {
            let d = &directives[i];
            if valid(d)
                && named[i]
                    .get_or_insert_with(|| rules_for(d.tool, &d.id))
                    .contains(&f.rule_id)
            {
                used[i] = true;
                hit.get_or_insert((d.kind(), d.reason.clone().unwrap_or_default()));
            }
        }
        match hit {
            Some((kind, reason)) => out.suppressed.push(Suppressed {
                finding: f,
                kind,
                reason,
            }),
            None => out.kept.push(f),
        }
    }
    // Problems with the suppressions themselves.
    for (i, d) in directives.iter().enumerate() {
        let resource = match &d.placement {
            Placement::Comment { block, .. } => {
                // A directive in (or right above) a `resource` block is judged only when
                // the block is known to exist: a block not in the model has zero instances
                // (or lies in a module nothing evaluated).
                if !used[i]
                    && valid(d)
                    && let Some(b) = block
                    && !exists_at.get(&(d.span.file, *b)).copied().unwrap_or(false)
                {
                    continue;
                }
                None
            }
            Placement::Metadata { address } => {
                let Some(t) = by_address.get(&(d.span.file, address.as_str())).copied() else {
                    continue;
                };
                // May not exist: whether its suppressions are used cannot be known.
                if !t.exists && !d.lacks_reason() {
                    continue;
                }
                Some(t)
            }
        };
        if let Some(f) = judge(
            d,
            used[i],
            valid(d),
            named[i].take(),
            resource,
            judge_peers,
            &mut out.notes,
        ) {
            out.extra.push(f);
        }
    }
    out
}

/// SUP-01 for a blindspot ignore without a reason; SUP-02 for a valid suppression that
/// suppressed nothing; a note for an ignore of a retired rule.
fn judge(
    d: &Directive,
    used: bool,
    valid: bool,
    named: Option<Vec<&'static str>>,
    resource: Option<&Target>,
    judge_peers: bool,
    notes: &mut Vec<crate::frontend::Diagnostic>,
) -> Option<Finding> {
    if d.lacks_reason() {
        let what = if d.id.is_empty() {
            "no rule id".to_string()
        } else {
            d.id.clone()
        };
        return Some(sup_finding(
            "SUP-01",
            d.span,
            resource,
            format!("blindspot:{}", d.id),
            format!("blindspot ignore for {what} gives no reason; it does not suppress anything"),
        ));
    }
    if used || !valid {
        return None;
    }
    let rules = named.unwrap_or_else(|| rules_for(d.tool, &d.id));
    // A retired rule (S3-01) never fires: a blindspot ignore of it gets a note, a peer
    // suppression that maps only to it is left alone (services.md §5.1).
    if !rules.is_empty() && rules.iter().all(|r| crate::rules::find(r).is_some_and(|r| r.retired())) {
        if d.tool == Tool::Blindspot {
            notes.extend(rules.iter().filter_map(|r| crate::rules::retired_note(r)).map(|note| {
                crate::frontend::Diagnostic {
                    file: d.span.file,
                    offset: Some(d.span.start),
                    message: format!("blindspot ignore {note}"),
                }
            }));
        }
        return None;
    }
    if d.tool != Tool::Blindspot && !judge_peers {
        return None;
    }
    let rules: Vec<&str> = rules
        .into_iter()
        .filter(|r| !crate::rules::find(r).is_some_and(|r| r.retired()))
        .collect();
    // A peer check that judges more than the rule it maps to (every bucket rather than
    // log buckets, another resource): a suppression blindspot finds nothing for may still
    // be needed by that peer (policy `[equivalents.broader]`).
    if d.tool != Tool::Blindspot
        && rules
            .iter()
            .any(|r| crate::rules::find(r).is_some_and(|r| r.policy().equivalents.is_broader(&d.id)))
    {
        return None;
    }
    let message = if rules.is_empty() {
        if d.tool != Tool::Blindspot {
            // A peer tool's check without a blindspot equivalent: not ours to judge.
            return None;
        }
        format!("blindspot ignore names no blindspot rule: \"{}\"", d.id)
    } else if d.tool == Tool::Blindspot {
        format!(
            "blindspot suppression of {} ({}) matches no finding here; remove it",
            d.id,
            rules.join(", ")
        )
    } else {
        // Another tool's comment: blindspot cannot know whether that tool still needs it.
        format!(
            "{tool} suppression of {} (blindspot {}) matches no blindspot finding here; if {tool} no longer reports it either, it can go",
            d.id,
            rules.join(", "),
            tool = d.tool.as_str()
        )
    };
    Some(sup_finding(
        "SUP-02",
        d.span,
        resource,
        format!("{}:{}", d.tool.as_str(), d.id),
        message,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(20_454), "2026-01-01");
        assert_eq!(today().len(), 10);
    }

    #[test]
    fn peer_ids_map_through_equivalents() {
        assert_eq!(rules_for(Tool::Checkov, "CKV_AWS_67"), vec!["CT-01"]);
        assert_eq!(rules_for(Tool::Trivy, "AVD-AWS-0014"), vec!["CT-01"]);
        // Trivy's current primary id form (the AVD form is its alias).
        assert_eq!(rules_for(Tool::Trivy, "AWS-0014"), vec!["CT-01"]);
        assert_eq!(rules_for(Tool::Trivy, "aws-0014"), vec!["CT-01"]);
        assert!(rules_for(Tool::Trivy, "AWS-9999").is_empty());
        assert_eq!(
            rules_for(Tool::Trivy, "aws-cloudtrail-enable-all-regions"),
            vec!["CT-01"]
        );
        assert_eq!(
            rules_for(Tool::Tfsec, "aws-cloudtrail-enable-all-regions"),
            vec!["CT-01"]
        );
        assert_eq!(rules_for(Tool::Blindspot, "cloudtrail-multi-region"), vec!["CT-01"]);
        assert!(rules_for(Tool::Checkov, "CKV_AWS_999").is_empty());
        let mut p = crate::rules::find("CT-02").unwrap().policy().clone();
        p.equivalents.cfn_nag = vec!["W9999".into()];
        assert_eq!(
            rules_for_in([("CT-02", &p)].into_iter(), Tool::CfnNag, "w9999"),
            vec!["CT-02"]
        );
    }
}
