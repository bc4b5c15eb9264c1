//! The command line (contract: interface.md). Kept thin: the library does the work.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::baseline;
use crate::config::{self, Config};
use crate::policy::Severity;
use crate::report;
use crate::rules::{self, RULES};
use crate::scan::{self, Options};

#[derive(Parser, Debug)]
#[command(
    name = "blindspot",
    version,
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
        #[arg(short, long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Show the full documentation of one rule (id or name).
    Explain { rule: String },
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

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
    Sarif,
    Junit,
    Github,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq)]
enum ListFormat {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
struct ScanArgs {
    /// Files or directories to scan.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1 [default: low].
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    fail_on: Option<Severity>,
    /// Run only these rules (id or name; repeatable).
    #[arg(long = "rule", value_name = "ID")]
    rules: Vec<String>,
    /// Never run these rules (id or name; repeatable).
    #[arg(long = "skip", value_name = "ID")]
    skip: Vec<String>,
    /// The scanned paths are a whole account baseline: run account-scope rules.
    #[arg(long)]
    account: bool,
    /// Report rules whose decision depends on an unknown value.
    #[arg(long)]
    strict: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Never show a progress bar.
    #[arg(long)]
    no_progress: bool,
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
    /// Config file [default: the nearest .blindspot.yml from the first PATH upwards].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore every inline and Metadata suppression (for audits).
    #[arg(long)]
    no_inline_suppressions: bool,
    /// Hide the findings recorded in FILE; report only new ones.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in FILE (a baseline for --baseline).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s).ok_or_else(|| format!("unknown severity \"{s}\" (critical, high, medium, low)"))
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
        Command::Rules { format } => {
            let text = match format {
                ListFormat::Json => rules_json(),
                ListFormat::Human => rules_table(),
            };
            if emit(&text).is_err() { 2 } else { 0 }
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => {
                if emit(&rules::explain(r)).is_err() {
                    2
                } else {
                    0
                }
            }
            None => {
                eprintln!("error: unknown rule \"{rule}\" (see `blindspot rules`)");
                2
            }
        },
        Command::Debug(DebugCommand::Eval { paths, .. }) => {
            let (text, code) = crate::debug_eval::run(&paths);
            if emit(&text).is_err() { 2 } else { code }
        }
    }
}

/// Reads the config file: `--config FILE`, else the nearest `.blindspot.yml`.
fn load_config(args: &ScanArgs) -> Result<Config, String> {
    if let Some(path) = &args.config {
        return config::load(path);
    }
    let start = args.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    match config::discover(&start) {
        Some(path) => config::load(&path),
        None => Ok(Config::default()),
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
    // Command-line flags override the config file.
    let fail_on = args.fail_on.or(cfg.fail_on).unwrap_or(Severity::Low);
    let opts = Options {
        paths: args.paths.clone(),
        account: args.account || cfg.account.unwrap_or(false),
        strict: args.strict,
        only: if args.rules.is_empty() {
            cfg.rules.clone().unwrap_or_default()
        } else {
            args.rules.clone()
        },
        skip: if args.skip.is_empty() {
            cfg.skip.clone().unwrap_or_default()
        } else {
            args.skip.clone()
        },
        threads: args.threads,
        severity: cfg.severity.clone(),
        no_inline_suppressions: args.no_inline_suppressions || cfg.inline_suppressions == Some(false),
        exclude: cfg.exclude.clone(),
        today: std::env::var("BLINDSPOT_TODAY").ok().filter(|t| !t.is_empty()),
        min_retention_days: cfg.min_retention_days.map(f64::from),
        log_buckets: cfg.log_buckets.clone(),
        log_groups: cfg.log_groups.clone(),
        // The config file's var files first: later files win, and flags override config.
        var_files: cfg.var_files.iter().chain(&args.var_files).cloned().collect(),
        vars: args.vars.clone(),
        cfn_params: args.cfn_params.clone(),
        cfn_param_files: args.cfn_param_files.clone(),
        progress: scan::Progress::default(),
    };
    let baseline = match &args.baseline {
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
    let progress = progress_bar(args.no_progress, &opts.progress);
    let scanned = scan::scan(&opts);
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
    if let Some(path) = &args.write_baseline
        && let Err(e) = std::fs::write(path, baseline::to_json(&baseline::record(&out)))
    {
        eprintln!("error: cannot write {}: {e}", path.display());
        return 2;
    }
    if let Some(b) = &baseline {
        baseline::apply(&mut out, b);
    }
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = match args.format {
        Format::Human => report::human::render(&out, color),
        Format::Json => report::json::render(&out),
        Format::Sarif => report::sarif::render(&out),
        Format::Junit => report::junit::render(&out),
        Format::Github => report::github::render(&out),
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => emit(&text).map_err(|e| format!("cannot write the report: {e}")),
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return 2;
    }
    if !out.errors.is_empty() {
        2
    } else if out.findings.iter().any(|f| f.is_at_least(fail_on)) {
        1
    } else {
        0
    }
}

/// A progress bar on stderr while files are read and parsed: only on a terminal and
/// without `--no-progress`, and only once the scan has taken a moment (so quick
/// pre-commit runs never flash one). Never on stdout.
fn progress_bar(
    disabled: bool,
    progress: &scan::Progress,
) -> Option<(
    indicatif::ProgressBar,
    std::sync::Arc<std::sync::atomic::AtomicBool>,
    std::thread::JoinHandle<()>,
)> {
    use std::sync::atomic::Ordering;
    if disabled || !std::io::stderr().is_terminal() {
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
            if start.elapsed() >= std::time::Duration::from_millis(300) {
                watch.set_length(p.total.load(Ordering::Relaxed) as u64);
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
        s.push_str(&format!(
            "{:<7} {:<8} {:<34} {}\n",
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
                "references": p.references,
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
}
