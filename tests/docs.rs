//! Generated documentation is checked in, and these tests fail when it drifts from its
//! one source:
//! - `docs/rules/` from `policies/` and the rules' examples (`blindspot explain`);
//! - `docs/configuration.md` from the command-line definition and the config key table;
//! - `docs/migrating.md` from the policies' `[equivalents]`.
//!
//! Regenerate with `BLINDSPOT_UPDATE_DOCS=1 cargo test --test docs`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use blindspot::rules::{self, RULES};
use blindspot::scan::{Options, scan};

const REGENERATE: &str = "BLINDSPOT_UPDATE_DOCS=1 cargo test --test docs";

fn updating() -> bool {
    std::env::var_os("BLINDSPOT_UPDATE_DOCS").is_some()
}

/// Writes `text` to `path` when regenerating; otherwise returns whether it differs.
fn sync(path: &Path, text: &str) -> Option<String> {
    if updating() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, text).unwrap();
        return None;
    }
    (std::fs::read_to_string(path).ok().as_deref() != Some(text)).then(|| path.display().to_string())
}

/// Examples longer than this many lines are folded (`<details>`) on the rule pages.
const FOLD_LINES: usize = 60;

/// Folds each long `### title` + code block of the examples into a `<details>` element,
/// so a page stays readable; the text itself is unchanged.
fn fold_long_examples(explain: &str) -> String {
    let Some(at) = explain.find("\n## Examples\n") else {
        return explain.to_string();
    };
    let (head, examples) = explain.split_at(at);
    let mut parts = examples.split("\n### ");
    let mut out = format!("{head}{}", parts.next().unwrap_or(""));
    for part in parts {
        let (title, body) = part.split_once('\n').unwrap_or((part, ""));
        let lines = body.lines().count();
        if lines > FOLD_LINES {
            out += &format!(
                "\n<details>\n<summary>{} ({} lines)</summary>\n{}\n</details>\n",
                title.replace('`', ""),
                lines.saturating_sub(4),
                body.trim_end_matches('\n')
            );
        } else {
            out += &format!("\n### {part}");
        }
    }
    out
}

fn rule_pages() -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let mut index = format!(
        "# blindspot rules\n\nGenerated from `policies/` (do not edit by hand; run \
         `{REGENERATE}`).\n\n| id | name | severity | title |\n|---|---|---|---|\n"
    );
    for rule in RULES {
        let p = rule.policy();
        index += &format!(
            "| [{}]({}.md) | `{}` | {} | {} |\n",
            p.id,
            p.id,
            p.name,
            p.severity.as_str(),
            if p.retired {
                format!("*Retired:* {}", p.title)
            } else {
                p.title.clone()
            }
        );
        // The same text as `blindspot explain`: the policy, then the examples.
        pages.push((format!("{}.md", p.id), fold_long_examples(&rules::explain(rule))));
    }
    pages.push(("README.md".to_string(), index));
    pages
}

#[test]
fn rule_docs_are_generated_from_policies() {
    let dir = Path::new("docs/rules");
    let pages = rule_pages();
    let mut stale: Vec<String> = pages
        .iter()
        .filter_map(|(name, text)| sync(&dir.join(name), text))
        .collect();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if !pages.iter().any(|(n, _)| *n == name) {
            stale.push(format!("docs/rules/{name} (no such rule)"));
        }
    }
    assert!(
        stale.is_empty(),
        "rule docs drifted from policies/: {stale:?}; run {REGENERATE}"
    );
}

#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    for rule in RULES {
        let p = rule.policy();
        let row = format!(
            "| [{}](docs/rules/{}.md) | `{}` | {} |",
            p.id,
            p.id,
            p.name,
            p.severity.as_str()
        );
        assert!(
            readme.contains(&row),
            "README.md rule table lacks or misstates {}",
            p.id
        );
    }
}

/// Every example that `explain` and the rule pages show is scanned as shown: a failing
/// example gets a finding of its rule, a passing one none. No example shows a fixture
/// marker.
#[test]
fn shown_examples_agree_with_their_rule() {
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut shown = 0;
    for rule in rules::active() {
        let examples = rules::examples(rule.id);
        let cases: Vec<&str> = ["tf-fail", "tf-pass", "cfn-yaml-fail", "cfn-yaml-pass"]
            .into_iter()
            .filter(|c| examples.iter().any(|(case, ..)| case == c))
            .collect();
        assert!(
            cases.iter().any(|c| c.ends_with("fail")) && cases.iter().any(|c| c.ends_with("pass")),
            "{}: explain shows no failing or no passing example",
            rule.id
        );
        for case in cases {
            let dir = tmp.path().join(rule.id).join(case);
            std::fs::create_dir_all(&dir).unwrap();
            for (_, name, text) in examples.iter().filter(|(c, ..)| *c == case) {
                shown += 1;
                if text.contains("expect:") {
                    failures.push(format!("{}/{case}/{name} shows a fixture marker", rule.id));
                }
                std::fs::write(dir.join(name), text).unwrap();
            }
            let opts = Options {
                paths: vec![dir.clone()],
                account: rule.policy().scope == blindspot::policy::Scope::Account,
                only: vec![rule.id.to_string()],
                today: Some("2026-01-01".to_string()),
                ..Default::default()
            };
            let out = scan(&opts).unwrap();
            let hits = out.findings.iter().filter(|f| f.rule_id == rule.id).count();
            if !out.errors.is_empty() {
                failures.push(format!("{}/{case}: errors {:?}", rule.id, out.errors));
            }
            if case.ends_with("fail") && hits == 0 {
                failures.push(format!("{}/{case}: the failing example gets no finding", rule.id));
            }
            if case.ends_with("pass") && hits > 0 {
                failures.push(format!("{}/{case}: the passing example gets {hits} findings", rule.id));
            }
        }
    }
    assert!(shown >= rules::active().count() * 2);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------- configuration.md

fn markdown_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn flag_rows(cmd: &clap::Command) -> String {
    let mut s = String::from("| flag | value | meaning | default |\n|---|---|---|---|\n");
    for arg in cmd.get_arguments() {
        if arg.is_hide_set() {
            continue;
        }
        let positional = arg.is_positional();
        let takes_value = arg.get_action().takes_values();
        let value_names: Vec<String> = arg
            .get_value_names()
            .map(|v| v.iter().map(|n| n.to_string()).collect())
            .unwrap_or_else(|| vec![arg.get_id().as_str().to_uppercase()]);
        let mut names = Vec::new();
        if let Some(short) = arg.get_short() {
            names.push(format!("`-{short}`"));
        }
        if let Some(long) = arg.get_long() {
            names.push(format!("`--{long}`"));
        }
        if positional {
            let many = matches!(arg.get_action(), clap::ArgAction::Append);
            let dots = if many { " ..." } else { "" };
            names.push(format!("`{}{dots}`", value_names.join(" ")));
        }
        let possible: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| format!("`{}`", v.get_name()))
            .collect();
        let value = if positional || !takes_value {
            String::new()
        } else if !possible.is_empty() {
            possible.join(", ")
        } else {
            value_names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let repeatable = matches!(arg.get_action(), clap::ArgAction::Append) && !positional;
        let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        if repeatable && !help.contains("repeatable") {
            help += " (repeatable)";
        }
        let default: Vec<String> = arg
            .get_default_values()
            .iter()
            .filter(|_| takes_value)
            .map(|v| format!("`{}`", v.to_string_lossy()))
            .collect();
        s += &format!(
            "| {} | {} | {} | {} |\n",
            names.join(", "),
            markdown_cell(&value),
            markdown_cell(&help),
            default.join(", ")
        );
    }
    s
}

/// Every config key with its type and meaning: from `config::KEY_DOCS`, or, for a key
/// that mirrors a `scan` flag of the same name, from that flag. `Err` lists the keys that
/// have neither.
fn config_keys(cmd: &clap::Command) -> Vec<(String, String, String)> {
    let scan = cmd.find_subcommand("scan").expect("scan subcommand");
    let mut out = Vec::new();
    let mut undocumented = Vec::new();
    for key in blindspot::config::KEYS {
        if let Some((_, ty, meaning)) = blindspot::config::KEY_DOCS.iter().find(|(k, ..)| k == key) {
            out.push((key.to_string(), ty.to_string(), meaning.to_string()));
            continue;
        }
        let long = key.replace('_', "-");
        match scan.get_arguments().find(|a| a.get_long() == Some(long.as_str())) {
            Some(arg) => {
                let ty = if arg.get_action().takes_values() {
                    "as the flag takes"
                } else {
                    "bool"
                };
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                out.push((key.to_string(), ty.to_string(), format!("Like `--{long}`: {help}")));
            }
            None => undocumented.push(*key),
        }
    }
    assert!(
        undocumented.is_empty(),
        "config keys without a row in config::KEY_DOCS and without a flag of the same name: {undocumented:?}"
    );
    for (k, ..) in blindspot::config::KEY_DOCS {
        assert!(
            blindspot::config::KEYS.contains(k),
            "config::KEY_DOCS documents an unknown key {k}"
        );
    }
    out
}

fn configuration_md() -> String {
    let mut cmd = blindspot::cli::command();
    cmd.build();
    let mut s = format!(
        "# Configuration reference\n\n\
         Generated from the command-line definition (`src/cli.rs`) and the config key table \
         (`src/config.rs`); do not edit by hand, run `{REGENERATE}`.\n\n\
         Settings come from three places; the later wins:\n\n\
         1. built-in defaults;\n\
         2. the config file: `--config FILE`, else the nearest `.blindspot.yml` from the first \
         scanned path upwards;\n\
         3. command-line flags.\n\n\
         List flags given on the command line replace the config file's list (`--rule` replaces \
         `rules`, `--skip` replaces `skip`), except `--var-file`, which is applied after the \
         config file's `var_files`.\n\n\
         ## Commands\n\n"
    );
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        s += &format!(
            "- `blindspot {}`: {}\n",
            sub.get_name(),
            sub.get_about().map(|a| a.to_string()).unwrap_or_default()
        );
    }
    s += "\nGlobal flags: `-h, --help`, `-V, --version` (prints the version and the commit it was built from).\n";
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let rows = flag_rows(sub);
        if rows.lines().count() <= 2 {
            continue;
        }
        s += &format!("\n## `blindspot {}` flags\n\n{rows}", sub.get_name());
    }
    s += "\n## Config file keys (`.blindspot.yml`)\n\n\
          Every key is optional. An unknown key or a wrong type is an error (exit code 2) that \
          names the file, line, column and key.\n\n\
          | key | type | meaning |\n|---|---|---|\n";
    for (key, ty, meaning) in config_keys(&cmd) {
        s += &format!("| `{key}` | {ty} | {} |\n", markdown_cell(&meaning));
    }
    s += "\n## Environment variables\n\n\
          | variable | meaning |\n|---|---|\n\
          | `TF_VAR_<name>` | Terraform root variable values, as `terraform plan` reads them (tfvars files, `--var-file` and `--var` win). |\n\
          | `NO_COLOR` | Set and not empty: no colour in the `human` format (colour is used only on a terminal). |\n\
          | `BLINDSPOT_TODAY` | `YYYY-MM-DD`: the day expiring tfsec/Trivy suppressions are compared with (default: today, UTC); for reproducible runs. |\n\
          \n## Exit codes\n\n\
          | code | meaning |\n|---|---|\n\
          | 0 | no finding at or above `--fail-on` |\n\
          | 1 | at least one finding at or above `--fail-on` |\n\
          | 2 | usage or config error, or at least one file could not be read or parsed (every other file is still scanned and reported) |\n";
    s
}

#[test]
fn configuration_reference_is_generated() {
    let stale = sync(Path::new("docs/configuration.md"), &configuration_md());
    assert!(stale.is_none(), "docs/configuration.md drifted; run {REGENERATE}");
}

#[test]
fn configuration_reference_names_every_flag_and_key() {
    let text = configuration_md();
    let mut scan = blindspot::cli::command();
    scan.build();
    let scan = scan.find_subcommand("scan").unwrap();
    for arg in scan.get_arguments() {
        if let Some(long) = arg.get_long() {
            assert!(text.contains(&format!("`--{long}`")), "--{long} is not documented");
        }
    }
    for key in blindspot::config::KEYS {
        assert!(text.contains(&format!("| `{key}` |")), "{key} is not documented");
    }
}

// ---------------------------------------------------------------- migrating.md

fn migrating_md() -> String {
    type Map = BTreeMap<String, Vec<String>>;
    let mut tools: Vec<(&str, Map)> = ["Checkov", "tfsec", "Trivy", "KICS", "cfn_nag"]
        .iter()
        .map(|t| (*t, Map::new()))
        .collect();
    for rule in RULES {
        let p = rule.policy();
        let eq = &p.equivalents;
        for (i, ids) in [&eq.checkov, &eq.tfsec, &eq.trivy, &eq.kics, &eq.cfn_nag]
            .iter()
            .enumerate()
        {
            for id in ids.iter() {
                tools[i].1.entry(id.clone()).or_default().push(p.id.clone());
            }
        }
    }
    let honoured: BTreeMap<&str, &str> = [
        (
            "Checkov",
            "Honoured: `#checkov:skip=CKV_AWS_67:reason` anywhere in a Terraform resource block, and \
             `Metadata: {checkov: {skip: [{id: CKV_AWS_67, comment: ...}]}}` on a CloudFormation resource.",
        ),
        (
            "tfsec",
            "Honoured: `#tfsec:ignore:aws-cloudtrail-enable-all-regions` on the line above or at the end of \
             the line (several per comment; `:exp:YYYY-MM-DD` expires it). Trivy's AVD ids are accepted too.",
        ),
        (
            "Trivy",
            "Honoured: `#trivy:ignore:AVD-AWS-0014` (also with the tfsec ids; `:exp:YYYY-MM-DD` expires it). \
             `.trivyignore` files are not read.",
        ),
        (
            "KICS",
            "Not honoured: KICS comments (`# kics-scan ignore-line`, `ignore-block`) are left alone; the \
             table below maps its query ids so you can replace them with `blindspot:ignore` comments.",
        ),
        (
            "cfn_nag",
            "Honoured: `Metadata: {cfn_nag: {rules_to_suppress: [{id: W35, reason: ...}]}}` on a \
             CloudFormation resource.",
        ),
    ]
    .into_iter()
    .collect();
    let mut s = format!(
        "# Migrating from Checkov, tfsec/Trivy, KICS, cfn_nag and cfn-guard\n\n\
         Generated from the `[equivalents]` table of each `policies/<ID>.toml`; do not edit by \
         hand, run `{REGENERATE}`.\n\n\
         blindspot reads the suppressions you already have for the checks listed below, so \
         switching (or running blindspot beside your current tool) does not resurface findings \
         your team has already accepted. A peer suppression counts for every blindspot rule \
         the check maps to, shows up in the JSON report's `suppressed` list with its `kind`, and is reported by \
         [SUP-02](rules/SUP-02.md) when it matches no finding. Suppressions of checks that have \
         no blindspot equivalent are left alone. `--no-inline-suppressions` (or \
         `inline_suppressions: false`) turns all of them off for an audit.\n\n\
         blindspot's own suppression: `# blindspot:ignore CT-01 reason` (Terraform) or \
         `Metadata: {{blindspot: {{ignore: [{{id: CT-01, reason: ...}}]}}}}` (CloudFormation); \
         see the README.\n\n\
         What the peers do not have: blindspot evaluates variables, modules, `count`/`for_each`, \
         parameters, conditions and intrinsics, follows the links between resources (trail to \
         bucket, bucket to its settings resources, log group to metric filter to alarm) and \
         never reports a value it cannot know unless `--strict`. A finding of a peer check may \
         therefore be absent in blindspot (the value was unknown, or another resource fixes \
         it) and the other way round.\n"
    );
    for (tool, map) in &tools {
        s += &format!("\n## {tool}\n\n{}\n\n", honoured[tool]);
        if map.is_empty() {
            s += "No check maps to a blindspot rule yet.\n";
            continue;
        }
        s += &format!("| {tool} check | blindspot rules |\n|---|---|\n");
        for (id, rules) in map {
            let links: Vec<String> = rules.iter().map(|r| format!("[{r}](rules/{r}.md)")).collect();
            s += &format!("| `{id}` | {} |\n", links.join(", "));
        }
    }
    s += "\n## cfn-guard\n\n\
          cfn-guard runs rule files you write or take from the AWS Guard Rules Registry; its \
          rules have no fixed ids, so the policies carry no cfn-guard equivalents and \
          `Metadata: {guard: {SuppressedRules: [...]}}` is not read. Replace a Guard rule that \
          checks CloudTrail, S3 log buckets, CloudWatch log groups, VPC flow logs or AWS Config \
          with the blindspot rule of the same subject (see the [rule index](rules/README.md)), \
          and its suppressions with `blindspot:ignore` entries.\n";
    s
}

#[test]
fn migrating_guide_is_generated() {
    let stale = sync(Path::new("docs/migrating.md"), &migrating_md());
    assert!(stale.is_none(), "docs/migrating.md drifted; run {REGENERATE}");
}

// ---------------------------------------------------------------- one canonical URL

/// Files a user copies from: every GitHub URL of the project in them is Cargo.toml's
/// `repository` (the SARIF rule links are built from it too), and no placeholder is left.
#[test]
fn the_repository_url_is_the_manifest_one() {
    let repo = env!("CARGO_PKG_REPOSITORY");
    assert!(blindspot::report::RULE_DOCS_BASE.starts_with(repo));
    let mut files: Vec<PathBuf> = [
        "README.md",
        "CHANGELOG.md",
        "action.yml",
        "pyproject.toml",
        "Dockerfile",
        ".pre-commit-hooks.yaml",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    for dir in ["docs", ".github/workflows"] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                files.push(p);
            }
        }
    }
    let project_url = regex::Regex::new(r"github\.com/[A-Za-z0-9_.-]+/blindspot\b").unwrap();
    let mut bad = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for (n, line) in text.lines().enumerate() {
            if line.contains("OWNER/") {
                bad.push(format!("{}:{}: placeholder: {line}", f.display(), n + 1));
            }
            for m in project_url.find_iter(line) {
                if !repo.ends_with(m.as_str()) {
                    bad.push(format!("{}:{}: {} is not {repo}", f.display(), n + 1, m.as_str()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The version appears in the changelog, and nowhere is a release tag used that the
/// changelog does not list as released.
#[test]
fn changelog_starts_at_the_manifest_version() {
    let changelog = std::fs::read_to_string("CHANGELOG.md").unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        changelog.contains("## [Unreleased]"),
        "Keep a Changelog: an Unreleased section"
    );
    assert!(
        changelog.contains(&format!("## [{version}]")),
        "CHANGELOG.md has no section for {version}"
    );
    assert!(std::fs::read_to_string("LICENSE").unwrap().contains("Apache License"));
    assert_eq!(env!("CARGO_PKG_LICENSE"), "Apache-2.0");
}

/// The container image named in the pre-commit hook, README and docs is the project's
/// (owner from Cargo.toml's `repository`), and the hook's tag is the current version.
#[test]
fn image_names_follow_the_manifest() {
    let repo = env!("CARGO_PKG_REPOSITORY");
    let owner = repo
        .trim_end_matches('/')
        .rsplit('/')
        .nth(1)
        .expect("repository URL has an owner");
    let image = regex::Regex::new(r"ghcr\.io/([A-Za-z0-9_.-]+)/blindspot(?::([0-9A-Za-z.\-]+))?").unwrap();
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let hook_tag = image
        .captures(&hooks)
        .and_then(|c| c.get(2))
        .map(|m| m.as_str().to_string());
    assert_eq!(
        hook_tag.as_deref(),
        Some(env!("CARGO_PKG_VERSION")),
        "the blindspot-docker hook's image tag must be the crate version"
    );
    for f in ["README.md", ".pre-commit-hooks.yaml", "Dockerfile", "docs/releasing.md"] {
        let text = std::fs::read_to_string(f).unwrap();
        for c in image.captures_iter(&text) {
            assert_eq!(&c[1], owner, "{f}: image {} is not under {owner}", &c[0]);
        }
    }
}

/// Hand-written pages are for users: no Rust paths of the implementation
/// (`EVal::as_document`), only AWS and CloudFormation names (`AWS::S3::Bucket`, `Fn::If`).
#[test]
fn user_docs_name_no_internal_types() {
    let internal = regex::Regex::new(r"\b[A-Z][A-Za-z]*::[a-z_]+\b|\bV::|\bEVal\b").unwrap();
    let mut bad = Vec::new();
    for e in std::fs::read_dir("docs").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(&p).unwrap();
            for (n, line) in text.lines().enumerate() {
                if let Some(m) = internal.find(line) {
                    bad.push(format!("{}:{}: {}", p.display(), n + 1, m.as_str()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "internal names in user docs:\n{}", bad.join("\n"));
}

/// `--version` prints the version and, in a git checkout, the commit it was built from.
#[test]
fn version_names_the_commit() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_blindspot"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let expected = format!("blindspot {}", env!("CARGO_PKG_VERSION"));
    assert!(text.starts_with(&expected), "{text}");
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=9", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success() && std::env::var_os("BLINDSPOT_COMMIT").is_none())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match head {
        // `(<commit> <date>)`, or `(<commit>)` from `.cargo_vcs_info.json` when `cargo
        // package` verification last wrote the shared build-script output.
        Some(hash) => assert!(
            text.contains(&format!("({hash} ")) || text.contains(&format!("({hash})")),
            "{text} does not name {hash}"
        ),
        None => println!("not a git checkout: the commit is not checked ({text})"),
    }
}
