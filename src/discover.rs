//! Finding the files to scan: `.gitignore`-aware walking (also outside git repositories),
//! skipping `.git`, `.terraform`, `node_modules` and CDK asset folders. Files named on the
//! command line are always scanned.

use std::path::{Path, PathBuf};

/// Does this file name look like something blindspot may read ([`crate::source::classify`])?
pub fn candidate(path: &Path) -> bool {
    crate::source::classify(path, &[]) != crate::source::FileKind::Other
}

fn skipped_dir(name: &str) -> bool {
    matches!(name, ".git" | ".terraform" | "node_modules") || name.starts_with("asset.")
}

/// The files below `paths`, sorted and deduplicated. Errors (unreadable directories,
/// missing paths) are returned with the path they concern.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => errors.push((root.clone(), format!("cannot read: {e}"))),
            Ok(m) if m.is_file() => files.push(root.clone()),
            Ok(_) => {
                let walker = ignore::WalkBuilder::new(root)
                    .require_git(false)
                    .hidden(false)
                    .git_global(false)
                    .filter_entry(|e| {
                        let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                        !(is_dir && e.depth() > 0 && e.file_name().to_str().is_some_and(skipped_dir))
                    })
                    .build();
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && candidate(e.path()) => {
                            files.push(e.into_path())
                        }
                        Ok(_) => {}
                        Err(err) => {
                            let path = match &err {
                                ignore::Error::WithPath { path, .. } => path.clone(),
                                _ => root.clone(),
                            };
                            errors.push((path, err.to_string()));
                        }
                    }
                }
            }
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// The path shown to users: relative to the current directory when below it, else
/// absolute; always with `/`.
pub fn display_path(path: &Path) -> String {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let abs = normalize(&abs);
    let shown = match std::env::current_dir() {
        Ok(cwd) => match abs.strip_prefix(normalize(&cwd)) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
            _ => abs,
        },
        Err(_) => abs,
    };
    shown.to_string_lossy().replace('\\', "/")
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
