//! Rule metadata from `policies/*.toml`, embedded at build time by the rule registry.
//! The single source for `blindspot rules`, `explain`, report fields and `docs/rules/`.

use serde::Deserialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Resource,
    Account,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remediation {
    pub terraform: String,
    pub cloudformation: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equivalents {
    #[serde(default)]
    pub checkov: Vec<String>,
    #[serde(default)]
    pub tfsec: Vec<String>,
    #[serde(default)]
    pub trivy: Vec<String>,
    #[serde(default)]
    pub cfn_nag: Vec<String>,
    #[serde(default)]
    pub kics: Vec<String>,
    /// Peer checks that judge more than this rule (more resources, or another resource):
    /// a peer suppression of one of them that matches no blindspot finding may still be
    /// needed by that tool, so SUP-02 never calls it unused.
    #[serde(default)]
    pub broader: Option<Broader>,
}

/// `[equivalents.broader]`: which peer checks of the rule judge more than it does, and why.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Broader {
    /// The peer ids (any tool); absent: every peer check the rule lists.
    #[serde(default)]
    pub ids: Option<Vec<String>>,
    /// What the peer checks judge that the rule does not (shown in `docs/equivalents.md`).
    pub why: String,
}

impl Equivalents {
    /// Whether the peer check `id` judges more than the rule (see [`Equivalents::broader`]).
    pub fn is_broader(&self, id: &str) -> bool {
        self.broader.as_ref().is_some_and(|b| {
            b.ids
                .as_ref()
                .is_none_or(|ids| ids.iter().any(|i| i.eq_ignore_ascii_case(id)))
        })
    }
}

/// The CIS AWS Foundations Benchmark versions a `[[cis]]` entry may name, oldest first
/// (services.md §5.2). Consecutive versions of one entry collapse to `v{first}–v{last}`.
pub const CIS_VERSIONS: [&str; 8] = ["1.4.0", "1.5.0", "2.0.0", "3.0.0", "4.0.1", "5.0.0", "6.0.0", "7.0.0"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CisStatus {
    Automated,
    Manual,
}

impl CisStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CisStatus::Automated => "automated",
            CisStatus::Manual => "manual",
        }
    }
}

/// One CIS AWS Foundations control a rule implements, in the benchmark versions listed
/// (policy TOML `[[cis]]`, services.md §5.2).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CisRef {
    pub versions: Vec<String>,
    pub id: String,
    pub status: CisStatus,
}

impl CisRef {
    /// `CIS AWS Foundations v{first}–v{last} {id} ({Automated|Manual})`: runs of consecutive
    /// versions (in [`CIS_VERSIONS`] order) collapse; separate runs are joined by ", ".
    pub fn render(&self) -> String {
        let mut idx: Vec<usize> = self
            .versions
            .iter()
            .filter_map(|v| CIS_VERSIONS.iter().position(|k| k == v))
            .collect();
        idx.sort_unstable();
        idx.dedup();
        let mut runs: Vec<String> = Vec::new();
        let mut i = 0;
        while i < idx.len() {
            let mut j = i;
            while j + 1 < idx.len() && idx[j + 1] == idx[j] + 1 {
                j += 1;
            }
            runs.push(if i == j {
                format!("v{}", CIS_VERSIONS[idx[i]])
            } else {
                format!("v{}–v{}", CIS_VERSIONS[idx[i]], CIS_VERSIONS[idx[j]])
            });
            i = j + 1;
        }
        let status = match self.status {
            CisStatus::Automated => "Automated",
            CisStatus::Manual => "Manual",
        };
        format!("CIS AWS Foundations {} {} ({status})", runs.join(", "), self.id)
    }

    /// Does this entry name `version`?
    pub fn covers(&self, version: &str) -> bool {
        self.versions.iter().any(|v| v == version)
    }
}

/// A benchmark version as given on the command line or in config (`5.0.0`, `v5.0.0`),
/// checked against [`CIS_VERSIONS`]; the error lists the valid ones.
pub fn parse_cis_version(s: &str) -> Result<&'static str, String> {
    let t = s.trim();
    let t = t.strip_prefix(['v', 'V']).unwrap_or(t);
    CIS_VERSIONS.iter().copied().find(|v| *v == t).ok_or_else(|| {
        format!(
            "unknown CIS AWS Foundations Benchmark version \"{s}\" (one of {})",
            CIS_VERSIONS.join(", ")
        )
    })
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: String,
    pub name: String,
    pub severity: Severity,
    pub scope: Scope,
    pub title: String,
    pub help: String,
    pub rationale: String,
    /// Non-CIS references (Security Hub controls, Config rules, guides).
    pub references: Vec<String>,
    /// The CIS AWS Foundations controls the rule implements, per benchmark version.
    #[serde(default)]
    pub cis: Vec<CisRef>,
    #[serde(default)]
    pub links: Vec<String>,
    pub remediation: Remediation,
    #[serde(default)]
    pub equivalents: Equivalents,
    /// A retired rule never runs; its id and name stay reserved, and suppressions or
    /// selectors that name it get a note saying why (`retired_note`).
    #[serde(default)]
    pub retired: bool,
    #[serde(default)]
    pub retired_note: Option<String>,
    /// `false` for opt-in rules: they run only when named in config `enable`, `rules` or
    /// `--rule` (services.md section 0).
    #[serde(default = "enabled_by_default")]
    pub default_enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

impl Policy {
    /// Parses a policy file; the registry's tests make sure every embedded one parses.
    pub fn parse(text: &str) -> Result<Policy, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Every reference as shown to users: the rendered CIS entries, then `references`.
    /// The same list goes to `explain`, the docs, reports and `blindspot rules`.
    pub fn all_references(&self) -> Vec<String> {
        self.cis
            .iter()
            .map(CisRef::render)
            .chain(self.references.iter().cloned())
            .collect()
    }

    /// The CIS controls of benchmark `version` the rule implements (`3.1`, ...).
    pub fn cis_controls(&self, version: &str) -> Vec<(&str, CisStatus)> {
        self.cis
            .iter()
            .filter(|c| c.covers(version))
            .map(|c| (c.id.as_str(), c.status))
            .collect()
    }

    /// The rule's documentation page in Markdown (`docs/rules/<ID>.md`, `explain`).
    pub fn markdown(&self) -> String {
        let mut s = format!("# {} {}\n\n", self.id, self.name);
        s += &format!(
            "**{}** — severity `{}`, scope `{}`\n\n",
            self.title,
            self.severity.as_str(),
            match self.scope {
                Scope::Resource => "resource",
                Scope::Account => "account (runs with `--account`)",
            }
        );
        if self.retired {
            s += &format!(
                "> **Retired: this rule no longer runs.** {}\n\n",
                self.retired_note.as_deref().unwrap_or_default().trim()
            );
        }
        if !self.default_enabled {
            s += "Opt-in: runs only when named in `enable` or `rules` (config) or `--rule`.\n\n";
        }
        s += &format!("## Why it matters\n\n{}\n\n", self.rationale.trim());
        s += &format!("## Fix\n\n{}\n\n", self.help.trim());
        s += &format!("### Terraform\n\n{}\n\n", self.remediation.terraform.trim());
        s += &format!("### CloudFormation\n\n{}\n\n", self.remediation.cloudformation.trim());
        if !self.references.is_empty() || !self.cis.is_empty() || !self.links.is_empty() {
            s += "## References\n\n";
            for r in &self.all_references() {
                s += &format!("- {r}\n");
            }
            for l in &self.links {
                s += &format!("- <{l}>\n");
            }
            s += "\n";
        }
        let eq = &self.equivalents;
        let peers: Vec<String> = [
            ("Checkov", &eq.checkov),
            ("tfsec", &eq.tfsec),
            ("Trivy", &eq.trivy),
            ("cfn_nag", &eq.cfn_nag),
            ("KICS", &eq.kics),
        ]
        .iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(tool, ids)| {
            format!(
                "- {tool}: {}",
                ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
        if !peers.is_empty() {
            s += "## Equivalent checks in other tools\n\n";
            s += &peers.join("\n");
            s += "\n\n";
        }
        s.trim_end().to_string() + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(versions: &[&str], id: &str, status: CisStatus) -> CisRef {
        CisRef {
            versions: versions.iter().map(|v| v.to_string()).collect(),
            id: id.into(),
            status,
        }
    }

    #[test]
    fn consecutive_versions_collapse() {
        let e = entry(
            &["1.4.0", "1.5.0", "2.0.0", "3.0.0", "4.0.1"],
            "3.1",
            CisStatus::Automated,
        );
        assert_eq!(e.render(), "CIS AWS Foundations v1.4.0–v4.0.1 3.1 (Automated)");
        let e = entry(&["5.0.0"], "3.1", CisStatus::Manual);
        assert_eq!(e.render(), "CIS AWS Foundations v5.0.0 3.1 (Manual)");
        let e = entry(&["6.0.0", "7.0.0"], "4.1", CisStatus::Manual);
        assert_eq!(e.render(), "CIS AWS Foundations v6.0.0–v7.0.0 4.1 (Manual)");
    }

    #[test]
    fn gaps_and_order_are_handled() {
        // Written out of order and with a gap: sorted in benchmark order, one run per gap.
        let e = entry(
            &["2.0.0", "1.4.0", "1.5.0", "5.0.0", "7.0.0", "6.0.0"],
            "9.9",
            CisStatus::Automated,
        );
        assert_eq!(
            e.render(),
            "CIS AWS Foundations v1.4.0–v2.0.0, v5.0.0–v7.0.0 9.9 (Automated)"
        );
        let e = entry(&["1.4.0", "3.0.0"], "1.1", CisStatus::Manual);
        assert_eq!(e.render(), "CIS AWS Foundations v1.4.0, v3.0.0 1.1 (Manual)");
    }

    #[test]
    fn versions_parse_with_or_without_v() {
        assert_eq!(parse_cis_version("5.0.0"), Ok("5.0.0"));
        assert_eq!(parse_cis_version("v4.0.1"), Ok("4.0.1"));
        let e = parse_cis_version("4.0.0").unwrap_err();
        assert!(
            e.contains("\"4.0.0\"") && e.contains("1.4.0, 1.5.0, 2.0.0, 3.0.0, 4.0.1, 5.0.0, 6.0.0, 7.0.0"),
            "{e}"
        );
    }

    #[test]
    fn cis_entries_parse_strictly() {
        let base = "id = \"X-01\"\nname = \"x\"\nseverity = \"low\"\nscope = \"resource\"\ntitle = \"t\"\nhelp = \"h\"\nrationale = \"r\"\nreferences = [\"AWS Security Hub X.1\"]\n[remediation]\nterraform = \"t\"\ncloudformation = \"c\"\n";
        let ok = format!("{base}[[cis]]\nversions = [\"6.0.0\", \"7.0.0\"]\nid = \"4.1\"\nstatus = \"manual\"\n");
        let p = Policy::parse(&ok).unwrap();
        assert_eq!(
            p.all_references(),
            vec!["CIS AWS Foundations v6.0.0–v7.0.0 4.1 (Manual)", "AWS Security Hub X.1"]
        );
        assert_eq!(p.cis_controls("7.0.0"), vec![("4.1", CisStatus::Manual)]);
        assert!(p.cis_controls("5.0.0").is_empty());
        let unknown_field =
            format!("{base}[[cis]]\nversions = [\"7.0.0\"]\nid = \"4.1\"\nstatus = \"manual\"\nlevel = 1\n");
        assert!(Policy::parse(&unknown_field).is_err());
        let bad_status = format!("{base}[[cis]]\nversions = [\"7.0.0\"]\nid = \"4.1\"\nstatus = \"partly\"\n");
        assert!(Policy::parse(&bad_status).is_err());
    }
}
