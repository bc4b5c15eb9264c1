//! Re-check latency of the language server (issue 16 item 6), not a test: checks a
//! Terraform module directory or a CloudFormation template the way `blindspot lsp` does
//! after an edit (the edited file as an unsaved buffer, a new version each time), and
//! prints the fastest, median and slowest re-check, without and with the parse cache.
//!
//! `cargo run --release --example lsp_recheck -- PATH [EDITS]` (PATH: a module directory
//! or a template; EDITS default 25). Each edit appends a comment line to one file of the
//! target (the largest), so the text changes and its version goes up.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use blindspot::lsp::convert::Encoding;
use blindspot::lsp::{Checker, Doc, Target};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: lsp_recheck PATH [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(25);
    let path = std::path::absolute(&path).expect("absolute path");
    let (target, edited) = if path.is_dir() {
        let largest = std::fs::read_dir(&path)
            .expect("read dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tf"))
            .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
            .expect("a .tf file");
        (Target::Module(path.clone()), largest)
    } else {
        (Target::Template(path.clone()), path.clone())
    };
    let comment = if edited.extension().is_some_and(|e| e == "json") {
        // JSON has no comments: an edit that keeps it valid is trailing whitespace.
        " "
    } else {
        "#"
    };
    let original = std::fs::read_to_string(&edited).expect("read the edited file");
    let cwd = std::env::current_dir().unwrap_or_default();
    println!(
        "target {} ({} edits of {})",
        path.display(),
        edits,
        edited.file_name().unwrap_or_default().to_string_lossy()
    );
    for cached in [false, true] {
        let mut checker = Checker::default();
        let mut times = Vec::new();
        // Version 1 is the file as opened (the first check parses every file).
        for version in 1..=(edits as i32 + 1) {
            let text = format!("{original}\n{}\n", comment.repeat(version as usize));
            let docs = BTreeMap::from([(
                edited.clone(),
                Doc {
                    uri: lsp_types::Url::from_file_path(&edited).expect("file URI"),
                    version,
                    text: Arc::from(text),
                },
            )]);
            if !cached {
                checker = Checker::default();
            }
            let start = Instant::now();
            let (published, _) = checker.check(&target, &docs, Encoding::Utf16, &cwd);
            let took = start.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(published);
            if version > 1 {
                times.push(took);
            }
        }
        times.sort_by(f64::total_cmp);
        let (hits, misses) = checker.cache_stats();
        println!(
            "{:<9} min {:>7.1} ms  median {:>7.1} ms  max {:>7.1} ms{}",
            if cached { "cached" } else { "uncached" },
            times[0],
            times[times.len() / 2],
            times[times.len() - 1],
            if cached {
                format!("  (files from the cache {hits}, parsed {misses})")
            } else {
                String::new()
            }
        );
    }
}
