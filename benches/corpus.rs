//! Corpus benchmark (not a test): scans `../shared/corpus` (or `$BLINDSPOT_CORPUS`) and
//! prints files, bytes, resources, findings, errors, wall time and throughput.
//! Run with `cargo bench --bench corpus`. Best of `$BLINDSPOT_BENCH_RUNS` runs (default 3).
//! Each thread setting is measured twice: parse-only (discover, read, parse: the
//! baseline) and the full scan (plus Terraform evaluation statistics: module calls
//! resolved/unresolved and the slowest root module). `BLINDSPOT_BENCH_PARSE_ONLY=1`
//! measures only the baseline.

use std::path::PathBuf;
use std::time::Instant;

use blindspot::scan::{Options, parse_only, scan};

fn main() {
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
        let mut best_parse = f64::MAX;
        let mut parsed = (0, 0);
        for _ in 0..runs.max(1) {
            let start = Instant::now();
            parsed = parse_only(std::slice::from_ref(&corpus), Some(threads)).unwrap();
            best_parse = best_parse.min(start.elapsed().as_secs_f64());
        }
        println!(
            "threads={:<4} parse-only files={} bytes={} wall={:.3}s",
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
        let mut best = f64::MAX;
        let mut last = None;
        for _ in 0..runs.max(1) {
            let start = Instant::now();
            let out = scan(&Options {
                paths: vec![corpus.clone()],
                threads: Some(threads),
                ..Default::default()
            })
            .unwrap();
            best = best.min(start.elapsed().as_secs_f64());
            last = Some(out);
        }
        let out = last.unwrap();
        let bytes: usize = out.files.iter().map(|f| f.text.len()).sum();
        println!(
            "threads={:<4} files={} iac_files={} bytes={} resources={} findings={} errors={} notes={} wall={:.3}s throughput={:.1} MB/s",
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
            bytes as f64 / 1e6 / best
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
            "             terraform roots={} module instances resolved={} unresolved calls={} slowest root: {} full/parse-only={:.2}x",
            out.tf_roots.len(),
            resolved,
            unresolved,
            slowest,
            best / best_parse
        );
    }
}
