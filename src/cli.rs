//! The command line (contract: interface.md). Kept thin: the library does the work.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
    Scan(ScanArgs),
    /// List the rule catalogue.
    Rules {
        #[arg(short, long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Show the full documentation of one rule (id or name).
    Explain { rule: String },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
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
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_name = "SEVERITY", default_value = "low", value_parser = parse_severity)]
    fail_on: Severity,
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
        Command::Scan(args) => run_scan(args),
        Command::Rules { format } => {
            let text = match format {
                ListFormat::Json => rules_json(),
                ListFormat::Human => rules_table(),
            };
            if emit(&text).is_err() { 2 } else { 0 }
        }
        Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => {
                if emit(&r.policy().markdown()).is_err() {
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
    }
}

fn run_scan(args: ScanArgs) -> i32 {
    let opts = Options {
        paths: args.paths,
        account: args.account,
        strict: args.strict,
        only: args.rules,
        skip: args.skip,
        threads: args.threads,
        var_files: args.var_files,
        vars: args.vars,
        cfn_params: args.cfn_params,
        cfn_param_files: args.cfn_param_files,
        ..Options::default()
    };
    let out = match scan::scan(&opts) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = match args.format {
        Format::Human => report::human::render(&out, color),
        Format::Json => report::json::render(&out),
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
    } else if out.findings.iter().any(|f| f.is_at_least(args.fail_on)) {
        1
    } else {
        0
    }
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
