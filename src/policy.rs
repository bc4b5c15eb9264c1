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
    pub references: Vec<String>,
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
        if !self.references.is_empty() || !self.links.is_empty() {
            s += "## References\n\n";
            for r in &self.references {
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
