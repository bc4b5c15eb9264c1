//! Build-time data:
//! - `BLINDSPOT_VERSION`: the package version and, when known, the commit it was built
//!   from (`0.1.0 (1a2b3c4d5 2026-12-07)`), for `blindspot --version`;
//! - `examples.rs`: each rule's main fixture files
//!   (`testdata/rules/<ID>/{tf,cfn-yaml}-{fail,pass}/`) without their `# expect:`
//!   markers, for `blindspot explain` and the generated rule pages.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    // At run time, not `env!`: the compiled build script is shared with `cargo package`'s
    // verification build of the packaged copy (same hash), which lives elsewhere.
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    version(&root);
    examples(&root);
    guard_parsed(&root);
}

/// `cfg(guard_parsed)` when the vendored cfn-guard with the parse-once patch is there
/// (vendor/cfn-guard/PATCHED.md, used through `[patch.crates-io]`). `cargo package` ships
/// neither, and its verification build uses crates.io's cfn-guard: src/guard then calls
/// its `run_checks`.
fn guard_parsed(root: &Path) {
    println!("cargo:rustc-check-cfg=cfg(guard_parsed)");
    let patch = root.join("vendor/cfn-guard/src/parsed.rs");
    println!("cargo:rerun-if-changed={}", patch.display());
    if patch.is_file() {
        println!("cargo:rustc-cfg=guard_parsed");
    }
}

/// The commit the package is built from, best source first: `BLINDSPOT_COMMIT` (set by
/// the release workflow and the Dockerfile, where `.git` is absent), the git work tree
/// this crate is the top of, or the `.cargo_vcs_info.json` that `cargo package` writes
/// (so `cargo install blindspot` from crates.io knows its commit too).
fn version(root: &Path) {
    println!("cargo:rerun-if-env-changed=BLINDSPOT_COMMIT");
    let pkg = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let from_env = std::env::var("BLINDSPOT_COMMIT")
        .ok()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-'));
    let commit = from_env
        .map(|c| (c.chars().take(9).collect::<String>(), None))
        .or_else(|| git_commit(root))
        .or_else(|| vcs_info_commit(root));
    let version = match commit {
        Some((hash, Some(date))) => format!("{pkg} ({hash} {date})"),
        Some((hash, None)) => format!("{pkg} ({hash})"),
        None => pkg.to_string(),
    };
    println!("cargo:rustc-env=BLINDSPOT_VERSION={version}");
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn git_commit(root: &Path) -> Option<(String, Option<String>)> {
    // Rebuild the string when HEAD moves (a commit, a checkout), also when this crate is a
    // copy inside a repository (`cargo package` verifies one in target/package/).
    let mut watch = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(head_ref) = git(root, &["symbolic-ref", "-q", "HEAD"]) {
        watch.push(head_ref);
    }
    for w in watch {
        if let Some(p) = git(root, &["rev-parse", "--git-path", &w]) {
            let p = root.join(p);
            if p.exists() {
                println!("cargo:rerun-if-changed={}", p.display());
            }
        }
    }
    // Only our own repository: not a parent repository that vendors this crate.
    let top = git(root, &["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(root).ok()? {
        return None;
    }
    let hash = git(root, &["rev-parse", "--short=9", "HEAD"])?;
    let date = git(root, &["log", "-1", "--format=%cs", "HEAD"]);
    Some((hash, date))
}

fn vcs_info_commit(root: &Path) -> Option<(String, Option<String>)> {
    let text = std::fs::read_to_string(root.join(".cargo_vcs_info.json")).ok()?;
    let after = &text[text.find("\"sha1\"")? + 6..];
    let start = after.find('"')? + 1;
    let hash: String = after[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    (hash.len() >= 9).then(|| (hash[..9].to_string(), None))
}

/// The text of a fixture without its expectation markers: a line that is only an
/// `# expect: ...` comment is dropped, a trailing one is cut off.
fn without_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let cleaned = match line.find("expect:") {
            Some(i) => {
                let before = line[..i].trim_end();
                match before.rfind('#').max(before.rfind("//")) {
                    Some(c) if before[c..].trim_start_matches(['#', '/']).trim().is_empty() => {
                        let code = line[..c].trim_end();
                        if code.is_empty() {
                            continue;
                        }
                        code
                    }
                    _ => line,
                }
            }
            None => line,
        };
        out.push_str(cleaned);
        out.push('\n');
    }
    out
}

fn examples(root: &Path) {
    let rules_dir = root.join("testdata/rules");
    println!("cargo:rerun-if-changed=testdata/rules");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let mut code = String::from("/// (rule id, case, file name, text), generated by build.rs.\n");
    code += "pub static EXAMPLES: &[(&str, &str, &str, &str)] = &[\n";
    let mut rules: Vec<_> = std::fs::read_dir(&rules_dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    rules.sort();
    for rule in rules {
        let Some(id) = rule.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        for case in ["tf-fail", "tf-pass", "cfn-yaml-fail", "cfn-yaml-pass"] {
            let dir = rule.join(case);
            println!("cargo:rerun-if-changed={}", dir.display());
            // A failing case of a rule that cannot fire in that language shows nothing.
            let case_toml = std::fs::read_to_string(dir.join("case.toml")).unwrap_or_default();
            if case_toml.contains("not-applicable") {
                continue;
            }
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.sort();
            for f in files {
                let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
                if !f.is_file() || name == "case.toml" || name.ends_with(".expect") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&f) else {
                    continue;
                };
                let _ = writeln!(code, "    ({id:?}, {case:?}, {name:?}, {:?}),", without_markers(&text));
            }
        }
    }
    code += "];\n";
    std::fs::write(out_dir.join("examples.rs"), code).expect("write examples.rs");
}
