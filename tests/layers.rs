//! The module DAG (issue 10 item 7): each top-level module of `src/` sits in a layer and
//! uses (`crate::<module>` in code, comments and `#[cfg(test)]` modules excluded) only
//! modules of its own layer or below. The pipeline reads source/doc -> frontend -> adapt ->
//! model -> rules -> finding -> suppress -> report; as dependencies, the model is the data
//! the front ends, adapters and rules share, so it sits below them, and a finding is what a
//! rule's `Sink` builds, so it sits below the rules.
//!
//! An edge that goes up is a failure unless it is in [`ALLOWED`] with its reason.

use std::collections::BTreeSet;
use std::path::Path;

/// (module, layer). Layer 0 holds the leaves.
const LAYERS: &[(&str, u32)] = &[
    ("source", 0),
    ("doc", 0),
    ("directive", 0),
    ("rule_ids", 0),
    ("interned", 0),
    ("patterns", 0),
    ("policy", 0),
    ("discover", 0),
    ("model", 1),
    ("frontend", 2),
    ("adapt", 3),
    ("finding", 4),
    ("rules", 5),
    ("suppress", 6),
    ("report", 7),
    // The drivers above the pipeline.
    ("guard", 8),
    ("scan", 8),
    ("select", 9),
    ("ignore", 9),
    ("config", 9),
    ("baseline", 9),
    ("fix", 9),
    ("debug_eval", 9),
    ("lsp", 10),
    ("cli", 10),
    ("main", 11),
    ("lib", 11),
];

/// Upward edges still there, each with why: (from, to, reason).
const ALLOWED: &[(&str, &str, &str)] = &[];

fn layer(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Code of a file without line comments and without its `#[cfg(test)]` module.
fn code(text: &str) -> String {
    let text = text.find("#[cfg(test)]").map_or(text, |i| &text[..i]);
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    // `use crate::{a, b::c}` groups.
    let mut rest = text;
    while let Some(i) = rest.find("use crate::{") {
        rest = &rest[i + "use crate::{".len()..];
        let group = &rest[..rest.find('}').unwrap_or(rest.len())];
        for item in group.split(',') {
            let name: String = item
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn rs_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn modules_use_only_their_layer_or_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rs_files(&src, &mut files);
    let mut seen_allowed = BTreeSet::new();
    let mut bad = Vec::new();
    // `#[macro_export]` macros are used as `crate::<macro>`: they belong to the module that
    // defines them.
    let top_of = |f: &Path| {
        let rel = f.strip_prefix(&src).unwrap();
        rel.components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string()
    };
    let mut macros = std::collections::BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("macro_rules! ") {
            rest = &rest[i + "macro_rules! ".len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            macros.insert(name, top_of(f));
        }
    }
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let from = layer(&top).unwrap_or_else(|| panic!("src/{top}: add the module to LAYERS"));
        let text = std::fs::read_to_string(&f).unwrap();
        for used in uses(&code(&text)) {
            let used = macros.get(&used).cloned().unwrap_or(used);
            if used == top || used == "self" || used == "super" {
                continue;
            }
            let Some(to) = layer(&used) else {
                panic!("{}: uses crate::{used}, which is not in LAYERS", rel.display())
            };
            if to > from {
                if ALLOWED.iter().any(|(a, b, _)| *a == top && *b == used) {
                    seen_allowed.insert((top.clone(), used.clone()));
                } else {
                    bad.push(format!(
                        "{}: {top} (layer {from}) uses {used} (layer {to})",
                        rel.display()
                    ));
                }
            }
        }
    }
    assert!(bad.is_empty(), "upward module edges:\n{}", bad.join("\n"));
    // An allowed edge that is gone must leave the list.
    for (a, b, _) in ALLOWED {
        assert!(
            seen_allowed.contains(&(a.to_string(), b.to_string())),
            "{a} -> {b} no longer exists: remove it from ALLOWED"
        );
    }
}

#[test]
fn directives_and_suppression_read_no_model_and_no_pipeline() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (file, forbidden) in [
        ("directive.rs", &["model", "scan", "frontend", "rules", "finding"][..]),
        ("suppress.rs", &["model", "scan"][..]),
    ] {
        let text = code(&std::fs::read_to_string(src.join(file)).unwrap());
        let used = uses(&text);
        for f in forbidden {
            assert!(!used.contains(*f), "src/{file} uses crate::{f}");
        }
        assert!(!text.contains("SourceFile"), "src/{file} reads file text");
    }
}

#[test]
fn reporters_read_no_model_and_no_pipeline() {
    // Issue 10 item 7: reporters take the plain `report::Report`.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let used = uses(&code(&std::fs::read_to_string(&path).unwrap()));
        for f in ["model", "scan", "adapt", "guard"] {
            assert!(!used.contains(f), "{} uses crate::{f}", path.display());
        }
    }
}
