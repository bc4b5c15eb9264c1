//! Corpus benchmark (not a test): scans `../shared/corpus` (or `$BLINDSPOT_CORPUS`) and
//! prints files, bytes, resources, findings, errors, wall time and throughput.
//! Run with `cargo bench --bench corpus`. Best of `$BLINDSPOT_BENCH_RUNS` runs (default 3).

use std::path::PathBuf;
use std::time::Instant;

use blindspot::scan::{Options, scan};

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
    for threads in [1usize, 0] {
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
    }
}
