//! Corpus benchmark (not a test): scans `../shared/corpus` (or `$BLINDSPOT_CORPUS`) and
//! prints files, bytes, resources, findings, errors, wall time and throughput.
//! Run with `cargo bench --bench corpus`. Best of `$BLINDSPOT_BENCH_RUNS` runs (default 3).
//! Each thread setting is measured twice: parse-only (discover, read, parse: the
//! baseline) and the full scan (plus Terraform evaluation statistics: module calls
//! resolved/unresolved and the slowest root module). `BLINDSPOT_BENCH_PARSE_ONLY=1`
//! measures only the baseline. Each line gives the best wall time, the CPU time (user +
//! system) of that run and the peak resident memory during it (Linux), and the full scan
//! line ends with the ratios full/parse-only (issue 18 target: wall <= 1.3x on 2 threads).
//! The comparison with cfn-guard is `benches/cfn-guard.sh`.
//!
//! `cargo bench --bench corpus -- --scaling` (or `BLINDSPOT_BENCH_SCALING=1`) instead
//! generates inputs of 1x, 2x, 4x and 8x size for each front end, as many files and as one
//! huge file, and prints scan time and peak memory per size (see [`scaling`]).

use std::path::{Path, PathBuf};
use std::time::Instant;

use blindspot::scan::{Options, parse_only, scan};

/// The binary's allocator (`src/main.rs`), so that the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if std::env::args().any(|a| a == "--scaling")
        || std::env::var_os("BLINDSPOT_BENCH_SCALING").is_some_and(|v| v != "0")
    {
        scaling();
        return;
    }
    let corpus = std::env::var_os("BLINDSPOT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    if !corpus.is_dir() {
        println!(
            "corpus benchmark skipped: {} not found (set BLINDSPOT_CORPUS)",
            corpus.display()
        );
        return;
    }
    let runs: usize = std::env::var("BLINDSPOT_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let parse_only_mode = std::env::var_os("BLINDSPOT_BENCH_PARSE_ONLY").is_some_and(|v| v != "0");
    for threads in [1usize, 0] {
        let mut best_parse = Measured {
            wall: f64::MAX,
            ..Default::default()
        };
        let mut parsed = (0, 0);
        for _ in 0..runs.max(1) {
            let (p, m) = measured(|| parse_only(std::slice::from_ref(&corpus), Some(threads)).unwrap());
            parsed = p;
            best_parse = best_parse.best(m);
        }
        println!(
            "threads={:<4} parse-only files={} bytes={} {}",
            if threads == 0 {
                "all".to_string()
            } else {
                threads.to_string()
            },
            parsed.0,
            parsed.1,
            best_parse
        );
        if parse_only_mode {
            continue;
        }
        let mut best = Measured {
            wall: f64::MAX,
            ..Default::default()
        };
        let mut last = None;
        for _ in 0..runs.max(1) {
            // The previous run's output is freed first, outside the measurement.
            drop(last.take());
            let (out, m) = measured(|| {
                scan(&Options {
                    paths: vec![corpus.clone()],
                    threads: Some(threads),
                    ..Default::default()
                })
                .unwrap()
            });
            best = best.best(m);
            last = Some(out);
        }
        let out = last.unwrap();
        let bytes: usize = out.files.iter().map(|f| f.text.len()).sum();
        println!(
            "threads={:<4} full files={} iac_files={} bytes={} resources={} findings={} errors={} notes={} {} throughput={:.1} MB/s",
            if threads == 0 {
                "all".to_string()
            } else {
                threads.to_string()
            },
            out.files.len(),
            out.iac_files,
            bytes,
            out.resources,
            out.findings.len(),
            out.errors.len(),
            out.notes.len(),
            best,
            bytes as f64 / 1e6 / best.wall
        );
        let resolved: usize = out.tf_roots.iter().map(|r| r.2.module_instances).sum();
        let unresolved: usize = out.tf_roots.iter().map(|r| r.2.unresolved_calls).sum();
        let slowest = out
            .tf_roots
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|r| format!("{} {:.3}s", r.0, r.1))
            .unwrap_or_default();
        println!(
            "             terraform roots={} module instances resolved={} unresolved calls={} slowest root: {}",
            out.tf_roots.len(),
            resolved,
            unresolved,
            slowest,
        );
        println!(
            "             full/parse-only: wall {:.2}x cpu {:.2}x peak memory {}",
            best.wall / best_parse.wall,
            best.cpu / best_parse.cpu.max(1e-9),
            match (best.peak, best_parse.peak) {
                (Some(f), Some(p)) => format!("{:.2}x", f / p),
                _ => "n/a".to_string(),
            }
        );
    }
}

/// Base number of resource groups (trail, bucket, log group, metric filter, alarm) at 1x;
/// `$BLINDSPOT_BENCH_UNITS` overrides it.
const BASE_UNITS: usize = 400;
/// Resource groups per file in the many-files layout.
const UNITS_PER_FILE: usize = 5;

/// The front ends and how one resource group is written in each.
#[derive(Clone, Copy)]
enum Kind {
    Terraform,
    TerraformJson,
    Plan,
    CfnYaml,
    CfnJson,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Terraform => "tf",
            Kind::TerraformJson => "tf.json",
            Kind::Plan => "plan",
            Kind::CfnYaml => "cfn-yaml",
            Kind::CfnJson => "cfn-json",
        }
    }

    fn file_name(self, i: usize) -> String {
        match self {
            Kind::Terraform => format!("m{i}.tf"),
            Kind::TerraformJson => format!("m{i}.tf.json"),
            Kind::Plan => format!("plan{i}.json"),
            Kind::CfnYaml => format!("t{i}.yaml"),
            Kind::CfnJson => format!("t{i}.json"),
        }
    }

    /// A file holding resource groups `from..to` (CloudFormation JSON on one line, as
    /// minified templates are).
    fn file(self, from: usize, to: usize) -> String {
        let r = from..to;
        match self {
            Kind::Terraform => r
                .map(|i| {
                    format!(
                        "resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"logs-${{local.p}}-{i}\"\n}}\n\
                         resource \"aws_cloudtrail\" \"t{i}\" {{\n  name = \"t{i}\"\n  s3_bucket_name = aws_s3_bucket.b{i}.id\n  \
                         is_multi_region_trail = {i} % 2 == 0\n  cloud_watch_logs_group_arn = \"${{aws_cloudwatch_log_group.g{i}.arn}}:*\"\n}}\n\
                         resource \"aws_cloudwatch_log_group\" \"g{i}\" {{\n  name = \"g{i}\"\n  retention_in_days = 30\n}}\n\
                         resource \"aws_cloudwatch_log_metric_filter\" \"f{i}\" {{\n  name = \"f{i}\"\n  log_group_name = aws_cloudwatch_log_group.g{i}.name\n  \
                         pattern = \"{{ $.eventName = ConsoleLogin && $.errorCode = \\\"*Denied*\\\" }}\"\n  \
                         metric_transformation {{\n    name = \"m{i}\"\n    namespace = \"ns\"\n    value = \"1\"\n  }}\n}}\n\
                         resource \"aws_cloudwatch_metric_alarm\" \"a{i}\" {{\n  alarm_name = \"a{i}\"\n  metric_name = \"m{i}\"\n  namespace = \"ns\"\n  \
                         comparison_operator = \"GreaterThanOrEqualToThreshold\"\n  evaluation_periods = 1\n  period = 300\n  statistic = \"Sum\"\n  threshold = 1\n}}\n"
                    )
                })
                .collect::<String>()
                + "locals {\n  p = \"x\"\n}\n",
            Kind::TerraformJson => {
                let res: Vec<String> = r
                    .map(|i| {
                        format!(
                            r#""aws_cloudtrail": {{"t{i}": {{"name": "t{i}", "s3_bucket_name": "${{aws_s3_bucket.b{i}.id}}", "is_multi_region_trail": false}}}}, "aws_s3_bucket": {{"b{i}": {{"bucket": "logs-{i}"}}}}, "aws_cloudwatch_log_group": {{"g{i}": {{"name": "g{i}", "retention_in_days": 30}}}}"#
                        )
                    })
                    .map(|r| format!("{{{r}}}"))
                    .collect();
                format!("{{\"resource\": [\n{}\n]}}\n", res.join(",\n"))
            }
            Kind::Plan => {
                let res: Vec<String> = r
                    .flat_map(|i| {
                        [
                            format!(
                                r#"{{"address": "aws_cloudtrail.t{i}", "mode": "managed", "type": "aws_cloudtrail", "name": "t{i}", "values": {{"name": "t{i}", "s3_bucket_name": "logs-{i}", "is_multi_region_trail": false, "enable_log_file_validation": true}}}}"#
                            ),
                            format!(
                                r#"{{"address": "aws_s3_bucket.b{i}", "mode": "managed", "type": "aws_s3_bucket", "name": "b{i}", "values": {{"bucket": "logs-{i}"}}}}"#
                            ),
                            format!(
                                r#"{{"address": "aws_cloudwatch_log_group.g{i}", "mode": "managed", "type": "aws_cloudwatch_log_group", "name": "g{i}", "values": {{"name": "g{i}", "retention_in_days": 30}}}}"#
                            ),
                        ]
                    })
                    .collect();
                format!(
                    "{{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.0\", \"planned_values\": {{\"root_module\": {{\"resources\": [\n{}\n]}}}}}}\n",
                    res.join(",\n")
                )
            }
            Kind::CfnYaml => {
                let mut s = String::from("AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Days:\n    Type: Number\n    Default: 30\nResources:\n");
                for i in r {
                    s.push_str(&format!(
                        "  B{i}:\n    Type: AWS::S3::Bucket\n  T{i}:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      \
                         S3BucketName: !Ref B{i}\n      IsMultiRegionTrail: false\n      CloudWatchLogsLogGroupArn: !GetAtt G{i}.Arn\n  \
                         G{i}:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: !Ref Days\n  \
                         F{i}:\n    Type: AWS::Logs::MetricFilter\n    Properties:\n      LogGroupName: !Ref G{i}\n      \
                         FilterPattern: '{{ $.eventName = ConsoleLogin }}'\n      MetricTransformations:\n        - MetricName: m{i}\n          \
                         MetricNamespace: ns\n          MetricValue: '1'\n  A{i}:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      \
                         MetricName: m{i}\n      Namespace: ns\n      ComparisonOperator: GreaterThanOrEqualToThreshold\n      \
                         EvaluationPeriods: 1\n      Period: 300\n      Statistic: Sum\n      Threshold: 1\n      AlarmName: !Sub 'a-${{AWS::Region}}-{i}'\n"
                    ));
                }
                s
            }
            Kind::CfnJson => {
                let res: Vec<String> = r
                    .map(|i| {
                        format!(
                            r#""B{i}":{{"Type":"AWS::S3::Bucket"}},"T{i}":{{"Type":"AWS::CloudTrail::Trail","Properties":{{"IsLogging":true,"S3BucketName":{{"Ref":"B{i}"}},"IsMultiRegionTrail":false,"CloudWatchLogsLogGroupArn":{{"Fn::GetAtt":["G{i}","Arn"]}}}}}},"G{i}":{{"Type":"AWS::Logs::LogGroup","Properties":{{"RetentionInDays":{{"Ref":"Days"}}}}}},"F{i}":{{"Type":"AWS::Logs::MetricFilter","Properties":{{"LogGroupName":{{"Ref":"G{i}"}},"FilterPattern":"{{ $.eventName = ConsoleLogin }}","MetricTransformations":[{{"MetricName":"m{i}","MetricNamespace":"ns","MetricValue":"1"}}]}}}},"A{i}":{{"Type":"AWS::CloudWatch::Alarm","Properties":{{"MetricName":"m{i}","Namespace":"ns","ComparisonOperator":"GreaterThanOrEqualToThreshold","EvaluationPeriods":1,"Period":300,"Statistic":"Sum","Threshold":1,"AlarmName":{{"Fn::Sub":"a-${{AWS::Region}}-{i}"}}}}}}"#
                        )
                    })
                    .collect();
                format!(
                    r#"{{"AWSTemplateFormatVersion":"2010-09-09","Parameters":{{"Days":{{"Type":"Number","Default":30}}}},"Resources":{{{}}}}}"#,
                    res.join(",")
                )
            }
        }
    }
}

/// One measured run: wall and CPU (user + system, this process) seconds, peak MiB.
#[derive(Clone, Copy, Default)]
struct Measured {
    wall: f64,
    cpu: f64,
    peak: Option<f64>,
}

impl Measured {
    /// The run with the lower wall time.
    fn best(self, other: Measured) -> Measured {
        if other.wall < self.wall { other } else { self }
    }
}

impl std::fmt::Display for Measured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "wall={:.3}s cpu={:.2}s peak={}",
            self.wall,
            self.cpu,
            self.peak.map_or("n/a".to_string(), |p| format!("{p:.0}MiB"))
        )
    }
}

/// Runs `f` once, measuring wall time, this process's CPU time and peak memory.
fn measured<T>(f: impl FnOnce() -> T) -> (T, Measured) {
    reset_peak();
    let cpu0 = cpu_seconds();
    let start = Instant::now();
    let value = f();
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    (
        value,
        Measured {
            wall,
            cpu,
            peak: peak_mib(),
        },
    )
}

/// User + system CPU seconds of this process so far, from `/proc/self/stat` (Linux, in
/// clock ticks of 1/100 s); 0 elsewhere.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15: indexes 11 and 12 after the command name.
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident memory of this process in MiB since the last [`reset_peak`] (Linux).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Resets the peak resident memory to the current one (Linux 4.0+: `clear_refs` 5).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// One scan of `dir` (one thread, human and JSON reports rendered too): seconds, peak MiB,
/// findings.
fn measure(dir: &Path) -> (f64, Option<f64>, usize) {
    reset_peak();
    let start = Instant::now();
    let out = scan(&Options {
        paths: vec![dir.to_path_buf()],
        threads: Some(1),
        ..Default::default()
    })
    .unwrap();
    let human = blindspot::report::human::render(&out, false);
    let json = blindspot::report::json::render(&out);
    let secs = start.elapsed().as_secs_f64();
    assert!(!human.is_empty() && !json.is_empty());
    (secs, peak_mib(), out.findings.len())
}

/// Scaling: for each front end and layout, inputs of 1x, 2x, 4x and 8x size; prints
/// time and peak memory and the ratio of the 8x time to the 1x time (8 when linear,
/// 64 when quadratic).
fn scaling() {
    let base_units = std::env::var("BLINDSPOT_BENCH_UNITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(BASE_UNITS);
    let kinds = [
        Kind::Terraform,
        Kind::TerraformJson,
        Kind::Plan,
        Kind::CfnYaml,
        Kind::CfnJson,
    ];
    println!("scaling: {base_units} resource groups at 1x (5 resources each; tf.json and plan: 3)");
    for kind in kinds {
        for many in [true, false] {
            let mut first = None;
            let mut line = format!("{:<9} {:<5}", kind.name(), if many { "many" } else { "huge" });
            for factor in [1usize, 2, 4, 8] {
                let dir = std::env::temp_dir().join(format!("blindspot-scaling-{}-{}", std::process::id(), factor));
                let _ = std::fs::remove_dir_all(&dir);
                std::fs::create_dir_all(&dir).unwrap();
                let units = base_units * factor;
                let mut bytes = 0;
                if many {
                    for (n, from) in (0..units).step_by(UNITS_PER_FILE).enumerate() {
                        let text = kind.file(from, (from + UNITS_PER_FILE).min(units));
                        bytes += text.len();
                        // Terraform: one module directory per file, so every file is a root.
                        let sub = dir.join(format!("d{n}"));
                        std::fs::create_dir_all(&sub).unwrap();
                        std::fs::write(sub.join(kind.file_name(n)), text).unwrap();
                    }
                } else {
                    let text = kind.file(0, units);
                    bytes = text.len();
                    std::fs::write(dir.join(kind.file_name(0)), text).unwrap();
                }
                let (secs, peak, findings) = measure(&dir);
                let _ = std::fs::remove_dir_all(&dir);
                let base = *first.get_or_insert(secs);
                line.push_str(&format!(
                    " | {factor}x {:>6.1} MB {:>7.3}s {:>7} MiB {:>6} findings",
                    bytes as f64 / 1e6,
                    secs,
                    peak.map_or("n/a".to_string(), |p| format!("{p:.0}")),
                    findings
                ));
                if factor == 8 {
                    line.push_str(&format!(" | 8x/1x time {:.1}", secs / base));
                }
            }
            println!("{line}");
        }
    }
}
