//! The command line (contract: interface.md). Kept thin: the library does the work.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::baseline;
use crate::config::{self, Config};
use crate::policy::Severity;
use crate::report;
use crate::rules::{self, RULES};
use crate::scan::{self, Options};

#[derive(Parser, Debug)]
#[command(
    name = "blindspot",
    version = env!("BLINDSPOT_VERSION"),
    about = "Finds security logging and monitoring gaps in Terraform and CloudFormation"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Scan files and directories (default: the current directory).
    Scan(Box<ScanArgs>),
    /// List the rule catalogue.
    Rules {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// List the controls of this CIS AWS Foundations Benchmark version (1.4.0 to 7.0.0)
        /// and the rules that implement each.
        #[arg(long, value_name = "VERSION")]
        cis: Option<String>,
    },
    /// Show the full documentation of one rule (id or name).
    Explain {
        /// Rule id (`CT-01`) or name (`cloudtrail-multi-region`).
        rule: String,
    },
    /// Apply safe mechanical fixes to the findings (`--diff`: print them, write nothing).
    Fix(Box<FixArgs>),
    /// Run the language server on stdin/stdout (diagnostics, hovers, code actions in editors).
    Lsp,
    /// Debugging aids (`debug eval PATH`: the evaluated resources as JSON).
    #[command(subcommand, hide = true)]
    Debug(DebugCommand),
}

#[derive(Subcommand, Debug)]
enum DebugCommand {
    /// Print every evaluated resource and instance of a Terraform root module or
    /// CloudFormation template, with attribute values, unknowns and spans, as JSON.
    Eval {
        paths: Vec<PathBuf>,
        /// Output format (only json).
        #[arg(short, long, default_value = "json", value_parser = ["json"])]
        format: String,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Compact,
    Json,
    Sarif,
    Junit,
    Github,
    GitlabSast,
    GitlabCodequality,
    Markdown,
}

impl Format {
    fn parse(s: &str) -> Option<Format> {
        Format::from_str(s, false).ok()
    }
    fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq)]
enum ListFormat {
    Human,
    Json,
}

/// The options `scan` and `fix` share: one definition, so that a new option that decides
/// findings cannot be forgotten in `fix`.
#[derive(clap::Args, Debug, Default)]
struct CommonArgs {
    /// Run only these rules: ids, names, comma lists, globs (`MON-*`), severities, peer ids (repeatable).
    #[arg(long = "rule", value_name = "ID")]
    rules: Vec<String>,
    /// Never run these rules (same forms as --rule; repeatable).
    #[arg(long = "skip", value_name = "ID")]
    skip: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Terraform variable definitions file (repeatable; applied to every root module).
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// Terraform variable value (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// CloudFormation parameter value (repeatable).
    #[arg(long = "cfn-param", value_name = "NAME=VALUE")]
    cfn_params: Vec<String>,
    /// CloudFormation parameter file: `[{ParameterKey, ParameterValue}]` or `{"Parameters": {...}}` (repeatable).
    #[arg(long = "cfn-params", value_name = "FILE")]
    cfn_param_files: Vec<PathBuf>,
    /// Never scan files matching GLOB (relative to the current directory; repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Config file [default: the nearest .blindspot.yml from the first PATH upwards].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(clap::Args, Debug, Default)]
struct ScanArgs {
    /// Files or directories to scan.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
    /// Format of the report on standard output [default: human].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// One finding per line (`file:line:col: severity ID message`); same as --format compact.
    #[arg(long)]
    compact: bool,
    /// Write a report to a file: FORMAT=FILE (repeatable; FILE `-` is standard output), or
    /// FILE for the --format report instead of standard output.
    #[arg(short, long, value_name = "[FORMAT=]FILE")]
    output: Vec<String>,
    /// Lowest severity that makes the exit code 1, or `none` [default: low].
    #[arg(long, value_name = "SEVERITY", value_parser = parse_fail_on)]
    fail_on: Option<FailOn>,
    /// Exit 0 whatever the findings (still 2 on read or parse errors); same as --fail-on none.
    #[arg(long)]
    soft_fail: bool,
    /// The scanned paths are a whole account baseline: run account-scope rules.
    #[arg(long)]
    account: bool,
    /// Report rules whose decision depends on an unknown value.
    #[arg(long)]
    strict: bool,
    /// Report only the findings of rules that implement a control of this CIS AWS
    /// Foundations Benchmark version (1.4.0 to 7.0.0; see `blindspot rules --cis`).
    #[arg(long, value_name = "VERSION")]
    cis: Option<String>,
    /// Never show a progress bar.
    #[arg(long)]
    no_progress: bool,
    /// Colour in the human report: auto (a terminal, without NO_COLOR or TERM=dumb), always, never.
    #[arg(long, value_enum, value_name = "WHEN")]
    color: Option<ColorChoice>,
    /// Guard policy: a `.guard` file or a folder of them, evaluated on every template and
    /// Terraform root (repeatable; see docs/guard.md).
    #[arg(long = "policy", value_name = "PATH")]
    policies: Vec<PathBuf>,
    /// Print the effective configuration (config file and flags) and exit.
    #[arg(long)]
    show_config: bool,
    /// Ignore every inline and Metadata suppression (for audits).
    #[arg(long)]
    no_inline_suppressions: bool,
    /// Also report peer tools' suppressions (Checkov, tfsec, Trivy, cfn_nag) that no blindspot finding uses (SUP-02).
    #[arg(long)]
    unused_peer_suppressions: bool,
    /// SARIF: also write suppressed and baselined findings, with `suppressions` (GitHub ignores those and opens alerts).
    #[arg(long)]
    include_suppressed: bool,
    /// Ignore file (central, expiring, per-path suppressions) [default: the nearest .blindspotignore].
    #[arg(long, value_name = "FILE")]
    ignore_file: Option<PathBuf>,
    /// Hide the findings recorded in FILE; report only new ones.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in FILE (a baseline for --baseline).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

/// `blindspot fix` (issue 16): the scan options that decide findings, plus `--diff`.
#[derive(clap::Args, Debug)]
struct FixArgs {
    /// Files or directories to fix.
    paths: Vec<PathBuf>,
    /// Print a unified diff of the fixes and write nothing.
    #[arg(long)]
    diff: bool,
    #[command(flatten)]
    common: CommonArgs,
}

fn run_fix(a: FixArgs) -> i32 {
    let args = ScanArgs {
        paths: a.paths,
        common: a.common,
        no_progress: true,
        ..Default::default()
    };
    let set = match load_config(&args).and_then(|cfg| settings(&args, &cfg)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut opts = set.opts;
    opts.strict = false;
    crate::fix::command::run(&opts, a.diff)
}

/// The command-line definition (docs/configuration.md is generated from it).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// `--fail-on`: a severity, or `None` for `none`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct FailOn(Option<Severity>);

fn parse_fail_on(s: &str) -> Result<FailOn, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(FailOn(None));
    }
    Severity::parse(&s.to_ascii_lowercase())
        .map(|s| FailOn(Some(s)))
        .ok_or_else(|| format!("unknown severity \"{s}\" (critical, high, medium, low, none)"))
}

/// Writes to stdout; a closed pipe (`blindspot scan | head`) is not an error.
fn emit(text: &str) -> Result<(), std::io::Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Runs the command line and returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Scan(args) => run_scan(*args),
        Command::Fix(args) => run_fix(*args),
        Command::Rules { format, cis } => {
            let text = match cis.as_deref().map(crate::policy::parse_cis_version) {
                Some(Err(e)) => {
                    eprintln!("error: --cis: {e}");
                    return 2;
                }
                Some(Ok(v)) => match format {
                    ListFormat::Json => cis_json(v),
                    ListFormat::Human => cis_table(v),
                },
                None => match format {
                    ListFormat::Json => rules_json(),
                    ListFormat::Human => rules_table(),
                },
            };
            if emit(&text).is_err() { 2 } else { 0 }
        }
        Command::Explain { rule } => explain(&rule),
        Command::Lsp => crate::lsp::run(),
        Command::Debug(DebugCommand::Eval { paths, .. }) => {
            let (text, code) = crate::debug_eval::run(&paths);
            if emit(&text).is_err() { 2 } else { code }
        }
    }
}

/// `explain RULE`: a blindspot id or name, or a peer tool's check id (every equivalent
/// rule is explained); a typo gets the nearest id.
fn explain(key: &str) -> i32 {
    let found: Vec<&'static rules::Rule> = match rules::find(key) {
        Some(r) => vec![r],
        None => crate::select::peer(key)
            .iter()
            .filter_map(|id| rules::find(id))
            .collect(),
    };
    if found.is_empty() {
        match crate::select::suggest(key) {
            Some(s) => eprintln!("error: unknown rule \"{key}\" (did you mean {s}?)"),
            None => eprintln!("error: unknown rule \"{key}\" (see `blindspot rules`)"),
        }
        return 2;
    }
    let mut text = String::new();
    if rules::find(key).is_none() {
        let ids: Vec<&str> = found.iter().map(|r| r.id).collect();
        text += &format!("{key} is checked by {}\n\n", ids.join(", "));
    }
    text += &found.iter().map(|r| rules::explain(r)).collect::<Vec<_>>().join("\n");
    if emit(&text).is_err() { 2 } else { 0 }
}

/// Reads the config file: `--config FILE`, else the nearest `.blindspot.yml`.
fn load_config(args: &ScanArgs) -> Result<Config, String> {
    if let Some(path) = &args.common.config {
        return config::load(path);
    }
    let start = args.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    match config::discover(&start) {
        Some(path) => config::load(&path),
        None => Ok(Config::default()),
    }
}

/// The scan options `blindspot scan` takes from the config file `cfg` when no flag is
/// given (the language server applies the same config: the same verdict as in CI). The
/// paths are left empty.
pub fn config_options(cfg: &Config) -> Result<Options, String> {
    let args = ScanArgs {
        no_progress: true,
        ..Default::default()
    };
    Ok(settings(&args, cfg)?.opts)
}

/// Where a report goes.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Stdout,
    File(PathBuf),
}

/// The configuration in effect: the config file, overridden by flags.
struct Settings {
    outputs: Vec<(Format, Target)>,
    fail_on: Option<Severity>,
    color: ColorChoice,
    progress: bool,
    include_suppressed: bool,
    baseline: Option<PathBuf>,
    write_baseline: Option<PathBuf>,
    ignore_file: Option<PathBuf>,
    /// The config file's exclude globs, resolved against its directory, then --exclude's.
    exclude: Vec<String>,
    opts: Options,
    config: Option<PathBuf>,
    /// `--cis VERSION`: report only findings of rules implementing a control of it.
    cis: Option<&'static str>,
}

/// Makes `path` absolute (against the current directory), without touching the file system.
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// A glob relative to `base`, as an absolute glob (the base itself escaped).
fn anchored_glob(base: &Path, glob: &str) -> String {
    if glob.starts_with('/') {
        return glob.to_string();
    }
    let base = globset::escape(&absolute(base).to_string_lossy().replace('\\', "/"));
    format!("{}/{glob}", base.trim_end_matches('/'))
}

/// `FORMAT=FILE` or `FILE` (the `--format` report). `-` is standard output.
fn parse_output(o: &str, default: Format) -> Result<(Format, Target, bool), String> {
    let (format, file, named) = match o.split_once('=') {
        Some((f, file)) if Format::parse(f).is_some() => (Format::parse(f).unwrap_or(default), file, true),
        Some((f, _)) if !f.contains(['/', '.', '\\']) => {
            return Err(format!(
                "--output {o}: unknown format \"{f}\" (one of {})",
                config::FORMATS.join(", ")
            ));
        }
        _ => (default, o, false),
    };
    if file.is_empty() {
        return Err(format!("--output {o}: no file name"));
    }
    let target = if file == "-" {
        Target::Stdout
    } else {
        Target::File(PathBuf::from(file))
    };
    Ok((format, target, named))
}

fn settings(args: &ScanArgs, cfg: &Config) -> Result<Settings, String> {
    for v in args.common.vars.iter().chain(&cfg.vars) {
        if !v.contains('=') {
            return Err(format!(
                "--var \"{v}\": expected NAME=VALUE (as terraform plan -var takes it)"
            ));
        }
    }
    let base = cfg.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let format = if args.compact {
        Format::Compact
    } else {
        match (args.format, &cfg.format) {
            (Some(f), _) => f,
            (None, Some(f)) => Format::parse(f).unwrap_or(Format::Human),
            (None, None) => Format::Human,
        }
    };
    let written = if args.output.is_empty() {
        &cfg.output
    } else {
        &args.output
    };
    let mut outputs = Vec::new();
    let mut stdout_taken = false;
    for o in written {
        let (f, target, named) = parse_output(o, format)?;
        // A plain `-o FILE` takes the --format report away from standard output.
        if !named {
            stdout_taken = true;
        }
        outputs.push((f, target));
    }
    if !stdout_taken && !outputs.iter().any(|(_, t)| *t == Target::Stdout) {
        outputs.insert(0, (format, Target::Stdout));
    }
    let fail_on = if args.soft_fail {
        None
    } else {
        match (args.fail_on, cfg.fail_on) {
            (Some(FailOn(f)), _) => f,
            (None, Some(f)) => f,
            (None, None) => Some(Severity::Low),
        }
    };
    let color = args.color.unwrap_or(match cfg.color.as_deref() {
        Some("always") => ColorChoice::Always,
        Some("never") => ColorChoice::Never,
        _ => ColorChoice::Auto,
    });
    let selectors = |flag: &Vec<String>, conf: &Option<Vec<String>>| -> Result<Vec<String>, String> {
        let list = if flag.is_empty() {
            conf.clone().unwrap_or_default()
        } else {
            flag.clone()
        };
        crate::select::expand(&list).map_err(|e| format!("--rule/--skip names {e}"))
    };
    let cis = args
        .cis
        .as_deref()
        .or(cfg.cis.as_deref())
        .map(crate::policy::parse_cis_version)
        .transpose()
        .map_err(|e| format!("--cis: {e}"))?;
    let only = selectors(&args.common.rules, &cfg.rules)?;
    if only.is_empty() && (!args.common.rules.is_empty() || cfg.rules.as_ref().is_some_and(|r| !r.is_empty())) {
        return Err("--rule selects no rule".into());
    }
    let mut exclude: Vec<String> = cfg.exclude.iter().map(|g| anchored_glob(&base, g)).collect();
    for g in &args.common.exclude {
        globset::Glob::new(g).map_err(|e| format!("--exclude \"{g}\": {e}"))?;
        exclude.push(g.clone());
        exclude.push(anchored_glob(Path::new("."), g));
    }
    let opts = Options {
        paths: args.paths.clone(),
        account: args.account || cfg.account.unwrap_or(false),
        strict: args.strict || cfg.strict.unwrap_or(false),
        only,
        skip: selectors(&args.common.skip, &cfg.skip)?,
        threads: args.common.threads.or(cfg.threads),
        severity: cfg.severity.clone(),
        no_inline_suppressions: args.no_inline_suppressions || cfg.inline_suppressions == Some(false),
        unused_peer_suppressions: args.unused_peer_suppressions || cfg.unused_peer_suppressions == Some(true),
        exclude: exclude.clone(),
        today: std::env::var("BLINDSPOT_TODAY").ok().filter(|t| !t.is_empty()),
        min_retention_days: cfg.min_retention_days.map(f64::from),
        log_buckets: cfg.log_buckets.clone(),
        log_groups: cfg.log_groups.clone(),
        service_logs_are_security_logs: cfg.service_logs_are_security_logs,
        // The config file's var files first: later files win, and flags override config.
        var_files: cfg.var_files.iter().chain(&args.common.var_files).cloned().collect(),
        vars: cfg.vars.iter().chain(&args.common.vars).cloned().collect(),
        cfn_params: cfg.cfn_params.iter().chain(&args.common.cfn_params).cloned().collect(),
        cfn_param_files: cfg
            .cfn_param_files
            .iter()
            .chain(&args.common.cfn_param_files)
            .cloned()
            .collect(),
        progress: scan::Progress::default(),
        eks_required_log_types: cfg.eks_required_log_types.clone(),
        provided_elsewhere: cfg.provided_elsewhere.clone(),
        data_events: cfg.data_events.clone(),
        enable: crate::select::expand(&cfg.enable).map_err(|e| format!("enable names {e}"))?,
        policies: cfg.policies.iter().chain(&args.policies).cloned().collect(),
        policy_severity: cfg.policy_severity.clone(),
        overlay: Default::default(),
        cache: None,
    };
    Ok(Settings {
        outputs,
        fail_on,
        color,
        progress: !args.no_progress && cfg.progress != Some(false),
        include_suppressed: args.include_suppressed || cfg.include_suppressed.unwrap_or(false),
        baseline: args.baseline.clone().or_else(|| cfg.baseline.clone()),
        write_baseline: args.write_baseline.clone().or_else(|| cfg.write_baseline.clone()),
        ignore_file: args
            .ignore_file
            .clone()
            .or_else(|| cfg.ignore_file.clone())
            .or_else(|| {
                let start = args.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
                crate::ignore::discover(&start)
            }),
        exclude,
        opts,
        config: (!cfg.path.as_os_str().is_empty()).then(|| cfg.path.clone()),
        cis,
    })
}

/// `--show-config`: the effective settings, as YAML a config file could hold.
fn show_config(s: &Settings) -> String {
    let o = &s.opts;
    let paths = |v: &[PathBuf]| -> Vec<String> { v.iter().map(|p| p.display().to_string()).collect() };
    let v = json!({
        "config": s.config.as_ref().map(|p| p.display().to_string()),
        "paths": if o.paths.is_empty() { vec![".".to_string()] } else { paths(&o.paths) },
        "rules": o.only,
        "skip": o.skip,
        "fail_on": s.fail_on.map_or("none", |f| f.as_str()),
        "account": o.account,
        "strict": o.strict,
        "cis": s.cis,
        "severity": o.severity.iter().map(|(k, v)| (k.clone(), json!(v.as_str()))).collect::<serde_json::Map<_, _>>(),
        "min_retention_days": o.min_retention_days.unwrap_or(365.0) as u64,
        "log_buckets": o.log_buckets,
        "log_groups": o.log_groups,
        "service_logs_are_security_logs": o.service_logs_are_security_logs != Some(false),
        "eks_required_log_types": o.eks_required_log_types.clone().unwrap_or_else(|| vec!["audit".into(), "authenticator".into()]),
        "provided_elsewhere": o.provided_elsewhere,
        "data_events": o.data_events.as_deref().unwrap_or("any"),
        "enable": o.enable,
        "exclude": s.exclude,
        "var_files": paths(&o.var_files),
        "vars": o.vars,
        "cfn_params": o.cfn_params,
        "cfn_param_files": paths(&o.cfn_param_files),
        "inline_suppressions": !o.no_inline_suppressions,
        "unused_peer_suppressions": o.unused_peer_suppressions,
        "include_suppressed": s.include_suppressed,
        "baseline": s.baseline.as_ref().map(|p| p.display().to_string()),
        "write_baseline": s.write_baseline.as_ref().map(|p| p.display().to_string()),
        "ignore_file": s.ignore_file.as_ref().map(|p| p.display().to_string()),
        "output": s.outputs.iter().map(|(f, t)| match t {
            Target::Stdout => format!("{}=-", f.name()),
            Target::File(p) => format!("{}={}", f.name(), p.display()),
        }).collect::<Vec<_>>(),
        "threads": o.threads,
        "progress": s.progress,
        "color": s.color.to_possible_value().map(|v| v.get_name().to_string()),
    });
    let mut text = String::from("# effective configuration (config file, then command-line flags)\n");
    if let serde_json::Value::Object(m) = v {
        for (k, v) in m {
            text += &format!("{k}: {}\n", serde_json::to_string(&v).unwrap_or_default());
        }
    }
    text
}

/// Is colour wanted on standard output? `--color` wins; then `NO_COLOR`, then
/// `FORCE_COLOR`/`CLICOLOR_FORCE`, then `TERM=dumb`, then whether stdout is a terminal.
fn want_color(choice: ColorChoice, target: &Target) -> bool {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    let forced = |k: &str| std::env::var(k).is_ok_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            *target == Target::Stdout
                && !set("NO_COLOR")
                && (forced("FORCE_COLOR")
                    || forced("CLICOLOR_FORCE")
                    || (std::env::var("TERM").is_ok_and(|t| t != "dumb") || std::env::var_os("TERM").is_none())
                        && std::io::stdout().is_terminal())
        }
    }
}

fn render(format: Format, out: &scan::ScanOutput, ro: &report::Options, color: bool) -> String {
    match format {
        Format::Human => report::human::render(out, color),
        Format::Compact => report::compact::render(out),
        Format::Json => report::json::render(out),
        Format::Sarif => report::sarif::render_with(out, ro),
        Format::Junit => report::junit::render_with(out, ro),
        Format::Github => report::github::render_with(out, ro),
        Format::GitlabSast => report::gitlab::render_sast(out, ro),
        Format::GitlabCodequality => report::gitlab::render_codequality(out),
        Format::Markdown => report::markdown::render(out, ro),
    }
}

/// A note that belongs to no file (it names what it is about).
fn add_note(out: &mut scan::ScanOutput, shown: &str, message: String) {
    let id = crate::source::FileId(out.files.len() as u32);
    out.files.push(crate::source::SourceFile::new(
        shown.to_string(),
        std::sync::Arc::from(""),
    ));
    out.notes.push(crate::frontend::Diagnostic {
        file: id,
        offset: None,
        message,
    });
}

/// The parameter names of the CloudFormation templates the scan read.
fn template_parameters(out: &scan::ScanOutput) -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    for f in &out.files {
        let kind = crate::source::classify(std::path::Path::new(&f.path), f.text.as_bytes());
        if f.text.is_empty() || !kind.is_document() {
            continue;
        }
        let parsed = if kind.is_json() {
            crate::doc::json::parse(&f.text)
        } else {
            crate::doc::yaml::parse(&f.text)
        };
        if let Ok(root) = parsed
            && crate::frontend::cloudformation::is_template(&root)
            && let Some(p) = root.get("Parameters")
        {
            names.extend(p.entries().iter().map(|e| e.key.clone()));
        }
    }
    names
}

/// Notes about what the scan could not decide, for the reports and stderr.
/// A note for each flag or config entry that names a retired rule (services.md §5.1):
/// neither an error nor silently ignored.
fn retired_rule_notes(out: &mut scan::ScanOutput, args: &ScanArgs, cfg: &Config) {
    let config = crate::discover::display_path(&cfg.path);
    let severity: Vec<String> = cfg.severity.keys().cloned().collect();
    let lists: [(&str, &str, &[String]); 5] = [
        ("--rule", "--rule", &args.common.rules),
        ("--skip", "--skip", &args.common.skip),
        (&config, "config `rules`", cfg.rules.as_deref().unwrap_or_default()),
        (&config, "config `skip`", cfg.skip.as_deref().unwrap_or_default()),
        (&config, "config `severity`", &severity),
    ];
    for (shown, what, list) in lists {
        for part in list.iter().flat_map(|s| s.split(',')).map(str::trim) {
            if let Some(note) = rules::retired_note(part) {
                add_note(out, shown, format!("{what} {note}"));
            }
        }
    }
}

fn add_scan_notes(out: &mut scan::ScanOutput, paths: &[PathBuf], cfn_params: &[String]) {
    if !cfn_params.is_empty() && out.iac_files > 0 {
        let known = template_parameters(out);
        for p in cfn_params {
            let name = p.split_once('=').map_or(p.as_str(), |(k, _)| k.trim());
            if !known.contains(name) {
                add_note(
                    out,
                    "--cfn-param",
                    format!("--cfn-param {name} matches no parameter of the scanned templates"),
                );
            }
        }
    }
    if out.iac_files == 0 {
        let shown: Vec<String> = if paths.is_empty() {
            vec![".".to_string()]
        } else {
            paths.iter().map(|p| crate::discover::display_path(p)).collect()
        };
        let id = crate::source::FileId(out.files.len() as u32);
        out.files.push(crate::source::SourceFile::new(
            shown[0].clone(),
            std::sync::Arc::from(""),
        ));
        out.notes.push(crate::frontend::Diagnostic {
            file: id,
            offset: None,
            message: format!("no Terraform or CloudFormation files found under {}", shown.join(", ")),
        });
    }
}

fn run_scan(args: ScanArgs) -> i32 {
    let cfg = match load_config(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let set = match settings(&args, &cfg) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if args.show_config {
        return if emit(&show_config(&set)).is_err() { 2 } else { 0 };
    }
    let baseline = match &set.baseline {
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| baseline::parse(&t))
        {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return 2;
            }
        },
        None => None,
    };
    let ignore = match &set.ignore_file {
        Some(path) => match crate::ignore::load(path) {
            Ok(f) => Some(f),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        },
        None => None,
    };
    let started = report::gitlab::now();
    let progress = progress_bar(!set.progress, &set.opts.progress);
    let scanned = scan::scan(&set.opts);
    if let Some((bar, stop, ticker)) = progress {
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = ticker.join();
        bar.finish_and_clear();
    }
    let mut out = match scanned {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if !set.opts.no_inline_suppressions {
        let today = set.opts.today.clone().unwrap_or_else(crate::suppress::today);
        for f in cfg.ignore.iter().chain(&ignore) {
            crate::ignore::apply(&mut out, f, &today, &set.opts);
        }
    }
    if let Some(version) = set.cis {
        // Findings and suppressed findings of rules outside the benchmark version are dropped;
        // errors and notes stay.
        out.findings.retain(|f| implements_cis(f.rule_id, version));
        out.suppressed.retain(|s| implements_cis(s.finding.rule_id, version));
    }
    add_scan_notes(&mut out, &set.opts.paths, &set.opts.cfn_params);
    retired_rule_notes(&mut out, &args, &cfg);
    // Fixes (issue 16) are written only by the JSON and SARIF reports.
    if set
        .outputs
        .iter()
        .any(|(f, _)| matches!(f, Format::Json | Format::Sarif))
    {
        crate::fix::attach(&mut out);
    }
    if let Some(path) = &set.write_baseline
        && let Err(e) = std::fs::write(
            path,
            baseline::to_json(&baseline::record_at(&out, &baseline::base_of(path))),
        )
    {
        eprintln!("error: cannot write {}: {e}", path.display());
        return 2;
    }
    if let (Some(b), Some(path)) = (&baseline, &set.baseline) {
        baseline::apply_at(&mut out, b, &baseline::base_of(path));
    }
    let ro = report::Options {
        fail_on: set.fail_on,
        include_suppressed: set.include_suppressed,
        started: Some(started),
    };
    let mut failed = false;
    for (format, target) in &set.outputs {
        let text = render(
            *format,
            &out,
            &ro,
            *format == Format::Human && want_color(set.color, target),
        );
        let written = match target {
            Target::File(path) => {
                std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))
            }
            Target::Stdout => emit(&text).map_err(|e| format!("cannot write the report: {e}")),
        };
        if let Err(e) = written {
            eprintln!("error: {e}");
            failed = true;
        }
        if *format == Format::Github
            && let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|v| !v.is_empty())
        {
            let md = report::markdown::render(&out, &ro);
            let appended = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&summary)
                .and_then(|mut f| f.write_all(md.as_bytes()));
            if let Err(e) = appended {
                eprintln!("warning: cannot write the job summary to $GITHUB_STEP_SUMMARY: {e}");
            }
        }
    }
    // The console still learns the outcome when every report went to a file.
    let on_stdout = set.outputs.iter().any(|(_, t)| *t == Target::Stdout);
    if !on_stdout {
        eprint!("{}", report::summary(&out));
    }
    if out.iac_files == 0 && out.errors.is_empty() {
        // A gate pointed at the wrong folder must not pass silently.
        if let Some(n) = out.notes.last() {
            eprintln!("warning: {}", n.message);
        }
    }
    let code = if failed || !out.errors.is_empty() {
        2
    } else if out.findings.iter().any(|f| ro.fails(f)) {
        1
    } else {
        0
    };
    // Issue 18 item 1: every report is written and flushed; the process exits next, and
    // the OS takes the memory back at once. Freeing the scan's millions of small
    // allocations one by one first would cost a sizeable share of the run. (The library
    // API frees normally: only the CLI, which exits, skips it.)
    std::mem::forget(out);
    code
}

/// A progress bar on stderr while files are read and parsed: only on a terminal (not
/// `TERM=dumb`) and without `--no-progress`, only once the scan has taken half a second
/// (so quick pre-commit runs never flash one), and never for an empty scan. Never on stdout.
fn progress_bar(
    disabled: bool,
    progress: &scan::Progress,
) -> Option<(
    indicatif::ProgressBar,
    std::sync::Arc<std::sync::atomic::AtomicBool>,
    std::thread::JoinHandle<()>,
)> {
    use std::sync::atomic::Ordering;
    if disabled || !std::io::stderr().is_terminal() || std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} files {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("scanning");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (watch, p, stopped) = (bar.clone(), progress.clone(), stop.clone());
    let ticker = std::thread::spawn(move || {
        let start = std::time::Instant::now();
        while !stopped.load(Ordering::Relaxed) {
            let total = p.total.load(Ordering::Relaxed);
            if start.elapsed() >= std::time::Duration::from_millis(500) && total > 0 {
                watch.set_length(total as u64);
                watch.set_position(p.done.load(Ordering::Relaxed) as u64);
                watch.tick();
            }
            std::thread::sleep(std::time::Duration::from_millis(80));
        }
    });
    Some((bar, stop, ticker))
}

fn rules_table() -> String {
    let mut s = String::new();
    for r in RULES {
        let p = r.policy();
        let retired = if p.retired { " (retired: does not run)" } else { "" };
        s.push_str(&format!(
            "{:<7} {:<8} {:<34} {}{retired}\n",
            p.id,
            p.severity.as_str(),
            p.name,
            p.title
        ));
    }
    s
}

fn rules_json() -> String {
    let list: Vec<serde_json::Value> = RULES
        .iter()
        .map(|r| {
            let p = r.policy();
            serde_json::json!({
                "id": p.id,
                "name": p.name,
                "severity": p.severity.as_str(),
                "scope": match p.scope { crate::policy::Scope::Resource => "resource", crate::policy::Scope::Account => "account" },
                "title": p.title,
                "references": p.all_references(),
                "cis": p.cis,
                "retired": p.retired,
                "default_enabled": p.default_enabled,
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
}

/// The controls of CIS benchmark `version` that the (not retired) rules implement, in
/// control order: (control id, status, rule ids).
fn cis_controls(version: &str) -> Vec<(String, crate::policy::CisStatus, Vec<&'static str>)> {
    let mut out: Vec<(String, crate::policy::CisStatus, Vec<&'static str>)> = Vec::new();
    for r in RULES.iter().filter(|r| !r.retired()) {
        for (id, status) in r.policy().cis_controls(version) {
            match out.iter_mut().find(|(c, s, _)| c == id && *s == status) {
                Some((_, _, rules)) => rules.push(r.id),
                None => out.push((id.to_string(), status, vec![r.id])),
            }
        }
    }
    // Numeric order of dotted ids: 3.2 before 3.10.
    out.sort_by_key(|c| {
        c.0.split('.')
            .map(|n| n.parse().unwrap_or(u32::MAX))
            .collect::<Vec<u32>>()
    });
    out
}

/// Does rule `rule_id` implement a control of CIS benchmark `version`?
fn implements_cis(rule_id: &str, version: &str) -> bool {
    rules::find(rule_id).is_some_and(|r| !r.policy().cis_controls(version).is_empty())
}

/// `blindspot rules --cis VERSION`: one line per control.
fn cis_table(version: &str) -> String {
    let controls = cis_controls(version);
    let mut s = format!(
        "CIS AWS Foundations Benchmark v{version}: {} controls checked by blindspot\n",
        controls.len()
    );
    for (id, status, rules) in &controls {
        let status = match status {
            crate::policy::CisStatus::Automated => "Automated",
            crate::policy::CisStatus::Manual => "Manual",
        };
        s.push_str(&format!("{id:<7} {status:<10} {}\n", rules.join(", ")));
    }
    s
}

/// `blindspot rules --cis VERSION --format json`.
fn cis_json(version: &str) -> String {
    let controls: Vec<serde_json::Value> = cis_controls(version)
        .into_iter()
        .map(|(id, status, rules)| json!({"id": id, "status": status.as_str(), "rules": rules}))
        .collect();
    let v = json!({"benchmark": "CIS AWS Foundations", "version": version, "controls": controls});
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}
