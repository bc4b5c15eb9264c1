//! The configuration file `.blindspot.yml` (contract: interface.md). Parsed with the
//! span-carrying YAML loader, so every mistake is reported with its file, line and key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::doc::{Kind, Node};
use crate::policy::Severity;
use crate::source::LineIndex;

pub const FILE_NAME: &str = ".blindspot.yml";

/// Every key of the config file; all optional. Command-line flags override them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    pub rules: Option<Vec<String>>,
    pub skip: Option<Vec<String>>,
    /// `Some(None)`: `fail_on: none`, nothing fails.
    pub fail_on: Option<Option<Severity>>,
    pub account: Option<bool>,
    pub severity: BTreeMap<String, Severity>,
    pub min_retention_days: Option<u32>,
    pub log_buckets: Vec<String>,
    pub log_groups: Vec<String>,
    pub exclude: Vec<String>,
    /// Relative to the config file's directory, as written there.
    pub var_files: Vec<PathBuf>,
    pub inline_suppressions: Option<bool>,
    pub strict: Option<bool>,
    /// Relative to the config file's directory.
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    /// `NAME=VALUE`, as `--cfn-param` takes them.
    pub cfn_params: Vec<String>,
    /// Relative to the config file's directory.
    pub cfn_param_files: Vec<PathBuf>,
    /// `NAME=VALUE`, as `--var` takes them.
    pub vars: Vec<String>,
    pub format: Option<String>,
    /// `FORMAT=FILE` or `FILE`, the file relative to the config file's directory.
    pub output: Vec<String>,
    pub threads: Option<usize>,
    pub progress: Option<bool>,
    pub color: Option<String>,
    pub include_suppressed: Option<bool>,
    /// Relative to the config file's directory.
    pub ignore_file: Option<PathBuf>,
    /// The `ignore:` section (entries as in `.blindspotignore`).
    pub ignore: Option<crate::ignore::IgnoreFile>,
}

const KEYS: &[&str] = &[
    "rules",
    "skip",
    "fail_on",
    "account",
    "severity",
    "min_retention_days",
    "log_buckets",
    "log_groups",
    "exclude",
    "var_files",
    "inline_suppressions",
    "strict",
    "baseline",
    "write_baseline",
    "cfn_params",
    "cfn_param_files",
    "vars",
    "format",
    "output",
    "threads",
    "progress",
    "color",
    "include_suppressed",
    "ignore_file",
    "ignore",
];

/// The report formats (`--format`, `format:`, `output:`).
pub const FORMATS: &[&str] = &[
    "human",
    "compact",
    "json",
    "sarif",
    "junit",
    "github",
    "gitlab-sast",
    "gitlab-codequality",
    "markdown",
];

/// The nearest `.blindspot.yml` from `start` (a file or directory) upwards.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = if start.is_absolute() {
        start.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(start)
    };
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Reads and validates a config file.
pub fn load(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    parse(path, &text)
}

struct Ctx<'a> {
    path: &'a Path,
    text: &'a str,
    lines: LineIndex,
}

impl Ctx<'_> {
    fn err(&self, offset: u32, key: &str, message: &str) -> String {
        let p = self.lines.position(self.text, offset as usize);
        let key = if key.is_empty() {
            String::new()
        } else {
            format!(" `{key}`")
        };
        format!("{}:{}:{}:{key} {message}", self.path.display(), p.line, p.column)
    }
    fn strings(&self, key: &str, node: &Node) -> Result<Vec<String>, String> {
        match &node.kind {
            Kind::Seq(items) => items
                .iter()
                .map(|i| match &i.kind {
                    Kind::Str(s) | Kind::Number(s) => Ok(s.clone()),
                    _ => Err(self.err(i.span.start, key, "must be a list of strings")),
                })
                .collect(),
            Kind::Str(s) => Ok(vec![s.clone()]),
            Kind::Null => Ok(Vec::new()),
            _ => Err(self.err(node.span.start, key, "must be a list of strings")),
        }
    }
    fn bool(&self, key: &str, node: &Node) -> Result<bool, String> {
        match node.kind {
            Kind::Bool(b) => Ok(b),
            _ => Err(self.err(node.span.start, key, "must be true or false")),
        }
    }
    fn severity(&self, key: &str, node: &Node) -> Result<Severity, String> {
        node.as_str()
            .and_then(Severity::parse)
            .ok_or_else(|| self.err(node.span.start, key, "must be one of critical, high, medium, low"))
    }
    fn rule(&self, key: &str, node: &Node, id: &str) -> Result<(), String> {
        match crate::select::expand(std::slice::from_ref(&id.to_string())) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.err(node.span.start, key, &format!("names {e}"))),
        }
    }
    /// `NAME=VALUE` assignments, from a mapping (`{NAME: VALUE}`) or a list of strings.
    fn assignments(&self, key: &str, node: &Node) -> Result<Vec<String>, String> {
        if node.is_map() {
            return node
                .entries()
                .iter()
                .map(|e| match &e.value.kind {
                    Kind::Str(s) | Kind::Number(s) => Ok(format!("{}={s}", e.key)),
                    Kind::Bool(b) => Ok(format!("{}={b}", e.key)),
                    _ => Err(self.err(e.value.span.start, key, "values must be strings, numbers or booleans")),
                })
                .collect();
        }
        let list = self.strings(key, node)?;
        for (i, a) in list.iter().enumerate() {
            if !a.contains('=') {
                let at = node.items().get(i).unwrap_or(node);
                return Err(self.err(at.span.start, key, &format!("\"{a}\" must be NAME=VALUE")));
            }
        }
        Ok(list)
    }
    fn one_of(&self, key: &str, node: &Node, allowed: &[&str]) -> Result<String, String> {
        node.as_str()
            .filter(|s| allowed.contains(s))
            .map(str::to_string)
            .ok_or_else(|| self.err(node.span.start, key, &format!("must be one of {}", allowed.join(", "))))
    }
}

/// Parses config text; `path` is used in messages and to resolve relative paths.
pub fn parse(path: &Path, text: &str) -> Result<Config, String> {
    let cx = Ctx {
        path,
        text,
        lines: LineIndex::new(text),
    };
    let root = crate::doc::yaml::parse(text).map_err(|e| cx.err(e.offset as u32, "", &e.message))?;
    let mut c = Config {
        path: path.to_path_buf(),
        ..Config::default()
    };
    let entries = match &root.kind {
        Kind::Map(entries) => entries,
        Kind::Null => return Ok(c),
        _ => return Err(cx.err(root.span.start, "", "the config file must be a mapping of keys")),
    };
    let base = path.parent().unwrap_or(Path::new(""));
    for e in entries {
        let key = e.key.as_str();
        let v = &e.value;
        match key {
            "rules" | "skip" => {
                let ids = cx.strings(key, v)?;
                for (i, id) in ids.iter().enumerate() {
                    let at = v.items().get(i).unwrap_or(v);
                    cx.rule(key, at, id)?;
                }
                if key == "rules" {
                    c.rules = Some(ids);
                } else {
                    c.skip = Some(ids);
                }
            }
            "fail_on" if v.as_str() == Some("none") => c.fail_on = Some(None),
            "fail_on" => {
                c.fail_on = Some(Some(v.as_str().and_then(Severity::parse).ok_or_else(|| {
                    cx.err(v.span.start, key, "must be one of critical, high, medium, low, none")
                })?))
            }
            "strict" => c.strict = Some(cx.bool(key, v)?),
            "progress" => c.progress = Some(cx.bool(key, v)?),
            "include_suppressed" => c.include_suppressed = Some(cx.bool(key, v)?),
            "ignore" => c.ignore = Some(crate::ignore::from_node(path, text, v)?),
            "ignore_file" => {
                let f = v
                    .as_str()
                    .ok_or_else(|| cx.err(v.span.start, key, "must be a file name"))?;
                c.ignore_file = Some(base.join(f));
            }
            "baseline" | "write_baseline" => {
                let f = v
                    .as_str()
                    .ok_or_else(|| cx.err(v.span.start, key, "must be a file name"))?;
                let f = Some(base.join(f));
                if key == "baseline" {
                    c.baseline = f;
                } else {
                    c.write_baseline = f;
                }
            }
            "cfn_params" => c.cfn_params = cx.assignments(key, v)?,
            "vars" => c.vars = cx.assignments(key, v)?,
            "cfn_param_files" => c.cfn_param_files = cx.strings(key, v)?.into_iter().map(|f| base.join(f)).collect(),
            "format" => c.format = Some(cx.one_of(key, v, FORMATS)?),
            "color" => c.color = Some(cx.one_of(key, v, &["auto", "always", "never"])?),
            "output" => {
                let outputs = cx.strings(key, v)?;
                c.output = Vec::new();
                for (i, o) in outputs.iter().enumerate() {
                    let at = v.items().get(i).unwrap_or(v);
                    let (format, file) = match o.split_once('=') {
                        Some((f, file)) if FORMATS.contains(&f) => (Some(f), file),
                        Some((f, _)) if !f.contains('/') && !f.contains('.') => {
                            return Err(cx.err(
                                at.span.start,
                                key,
                                &format!("unknown format \"{f}\" (one of {})", FORMATS.join(", ")),
                            ));
                        }
                        _ => (None, o.as_str()),
                    };
                    let file = if file == "-" {
                        file.to_string()
                    } else {
                        base.join(file).to_string_lossy().into_owned()
                    };
                    c.output.push(match format {
                        Some(f) => format!("{f}={file}"),
                        None => file,
                    });
                }
            }
            "threads" => {
                let n = match &v.kind {
                    Kind::Number(n) => n.parse::<usize>().ok().filter(|n| *n > 0),
                    _ => None,
                };
                c.threads = Some(n.ok_or_else(|| cx.err(v.span.start, key, "must be a positive whole number"))?);
            }
            "account" => c.account = Some(cx.bool(key, v)?),
            "inline_suppressions" => c.inline_suppressions = Some(cx.bool(key, v)?),
            "severity" => {
                if !v.is_map() && !matches!(v.kind, Kind::Null) {
                    return Err(cx.err(v.span.start, key, "must map rule ids to severities"));
                }
                for s in v.entries() {
                    let k = format!("severity.{}", s.key);
                    if crate::rules::find(&s.key).is_none() {
                        return Err(cx.err(
                            s.key_span.start,
                            &k,
                            &format!("names an unknown rule \"{}\" (see `blindspot rules`)", s.key),
                        ));
                    }
                    c.severity.insert(s.key.clone(), cx.severity(&k, &s.value)?);
                }
            }
            "min_retention_days" => {
                let n = match &v.kind {
                    Kind::Number(n) => n.parse::<u32>().ok().filter(|n| *n > 0),
                    _ => None,
                };
                c.min_retention_days =
                    Some(n.ok_or_else(|| cx.err(v.span.start, key, "must be a positive whole number of days"))?);
            }
            "log_buckets" => c.log_buckets = cx.strings(key, v)?,
            "log_groups" => c.log_groups = cx.strings(key, v)?,
            "exclude" => {
                let globs = cx.strings(key, v)?;
                for (i, g) in globs.iter().enumerate() {
                    if let Err(err) = globset::Glob::new(g) {
                        let at = v.items().get(i).unwrap_or(v);
                        return Err(cx.err(at.span.start, key, &format!("bad glob \"{g}\": {err}")));
                    }
                }
                c.exclude = globs;
            }
            "var_files" => {
                c.var_files = cx.strings(key, v)?.into_iter().map(|f| base.join(f)).collect();
            }
            _ => {
                return Err(cx.err(
                    e.key_span.start,
                    key,
                    &format!("unknown key (known keys: {})", KEYS.join(", ")),
                ));
            }
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Config, String> {
        parse(Path::new("dir/.blindspot.yml"), text)
    }

    #[test]
    fn reads_every_key() {
        let c = p(
            "rules: [CT-01, cloudtrail-log-file-validation]\nskip:\n  - CT-09\nfail_on: high\naccount: true\n\
             severity:\n  CT-09: medium\nmin_retention_days: 365\nlog_buckets: [central-logs]\nlog_groups: [/aws/org]\n\
             exclude: ['legacy/**']\nvar_files: [prod.tfvars]\ninline_suppressions: false\n",
        )
        .unwrap();
        assert_eq!(c.rules.as_ref().unwrap().len(), 2);
        assert_eq!(c.skip, Some(vec!["CT-09".to_string()]));
        assert_eq!(c.fail_on, Some(Some(Severity::High)));
        assert_eq!(c.account, Some(true));
        assert_eq!(c.severity.get("CT-09"), Some(&Severity::Medium));
        assert_eq!(c.min_retention_days, Some(365));
        assert_eq!(c.log_buckets, vec!["central-logs"]);
        assert_eq!(c.log_groups, vec!["/aws/org"]);
        assert_eq!(c.exclude, vec!["legacy/**"]);
        assert_eq!(c.var_files, vec![PathBuf::from("dir/prod.tfvars")]);
        assert_eq!(c.inline_suppressions, Some(false));
        assert_eq!(p("").unwrap().rules, None);
    }

    #[test]
    fn mistakes_name_file_line_and_key() {
        let e = p("fail_on: low\nfailon: high\n").unwrap_err();
        assert!(e.starts_with("dir/.blindspot.yml:2:1: `failon` unknown key"), "{e}");
        let e = p("account: yes please\n").unwrap_err();
        assert!(
            e.starts_with("dir/.blindspot.yml:1:10: `account` must be true or false"),
            "{e}"
        );
        let e = p("severity:\n  CT-99: high\n").unwrap_err();
        assert!(e.contains(":2:3: `severity.CT-99` names an unknown rule"), "{e}");
        let e = p("severity:\n  CT-01: urgent\n").unwrap_err();
        assert!(e.contains(":2:10: `severity.CT-01` must be one of"), "{e}");
        let e = p("min_retention_days: -3\n").unwrap_err();
        assert!(e.contains("`min_retention_days` must be a positive"), "{e}");
        let e = p("rules: [CT-01, nope]\n").unwrap_err();
        assert!(e.contains(":1:16: `rules` names an unknown rule \"nope\""), "{e}");
        let e = p("exclude: ['a/[']\n").unwrap_err();
        assert!(e.contains("`exclude` bad glob"), "{e}");
        let e = p("- a\n").unwrap_err();
        assert!(e.contains("must be a mapping"), "{e}");
        assert!(p("rules: [\n").is_err());
    }
}
