//! `blindspot fix [PATH…]`: plans the fixes of a scan, prints them as a unified diff
//! (`--diff`) or writes them, then re-scans to prove that the fixed findings are gone and
//! nothing new appeared.

use std::collections::{BTreeMap, BTreeSet};

use crate::finding::{Edit, Finding};
use crate::scan::{Options, ScanOutput, scan};
use crate::source::FileId;

/// What identifies a finding across two scans (line numbers move when lines are added).
type Key = (String, &'static str, String, String);

fn key(out: &ScanOutput, f: &Finding) -> Key {
    (
        out.file(f.span.file).path.clone(),
        f.rule_id,
        f.resource.clone().unwrap_or_default(),
        f.attribute.clone(),
    )
}

/// Rounds of fix-and-rescan when some fixes touch the same text (each round applies the
/// fixes that do not overlap).
const MAX_ROUNDS: usize = 5;

/// Runs `blindspot fix`; returns the exit code: 0 nothing left to fix, 1 findings remain
/// (with `--diff`: there is something to change or to fix by hand), 2 errors.
pub fn run(opts: &Options, diff: bool) -> i32 {
    let mut out = match scan(opts) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut failed = report_errors(&out);
    super::attach(&mut out);
    let before: BTreeSet<Key> = out.findings.iter().map(|f| key(&out, f)).collect();
    let mut fixed_total: Vec<Key> = Vec::new();
    let mut originals: BTreeMap<String, std::sync::Arc<str>> = BTreeMap::new();
    let mut written = BTreeSet::new();
    let mut stdout = String::new();
    let mut announced: BTreeSet<Key> = BTreeSet::new();
    for round in 0..MAX_ROUNDS {
        let chosen = choose(&out);
        if chosen.is_empty() {
            break;
        }
        // New text of each touched file.
        let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
        for &i in &chosen {
            for e in out.findings[i].fix.iter().flat_map(|f| &f.edits) {
                let v = by_file.entry(e.span.file).or_default();
                if !v.contains(&e) {
                    v.push(e);
                }
            }
        }
        let mut changed_on_disk = BTreeSet::new();
        let mut new_texts = Vec::new();
        for (file, edits) in &by_file {
            let sf = out.file(*file);
            let new = super::apply(&sf.text, edits);
            if !diff && !unchanged_on_disk(&sf.path, &sf.text) {
                eprintln!("error: {}: changed on disk since it was read; not written", sf.path);
                changed_on_disk.insert(*file);
                failed = true;
                continue;
            }
            new_texts.push((*file, new));
        }
        for &i in &chosen {
            let f = &out.findings[i];
            let Some(fix) = &f.fix else { continue };
            if fix.edits.iter().any(|e| changed_on_disk.contains(&e.span.file)) {
                continue;
            }
            let p = out.file(f.span.file).position(f.span.start);
            let note = fix.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
            let verb = if diff { "would fix" } else { "fixed" };
            eprintln!(
                "{verb} {}:{}:{}: {} {}{note}",
                out.file(f.span.file).path,
                p.line,
                p.column,
                f.rule_id,
                fix.description
            );
            fixed_total.push(key(&out, f));
        }
        if diff {
            for (file, new) in &new_texts {
                let sf = out.file(*file);
                let d = similar::TextDiff::from_lines(&*sf.text, new.as_str());
                stdout.push_str(
                    &d.unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{}", sf.path), &format!("b/{}", sf.path))
                        .to_string(),
                );
            }
            break;
        }
        for (file, new) in &new_texts {
            let sf = out.file(*file);
            originals.entry(sf.path.clone()).or_insert_with(|| sf.text.clone());
            if let Err(e) = std::fs::write(&sf.path, new) {
                eprintln!("error: cannot write {}: {e}", sf.path);
                failed = true;
                continue;
            }
            written.insert(sf.path.clone());
        }
        out = match scan(opts) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("error: re-scan after fixing: {e}");
                restore(&originals);
                return 2;
            }
        };
        if !out.errors.is_empty() {
            eprintln!("error: a fixed file no longer parses; the files were restored");
            report_errors(&out);
            restore(&originals);
            return 2;
        }
        let after: BTreeSet<Key> = out.findings.iter().map(|f| key(&out, f)).collect();
        let still: Vec<&Key> = fixed_total.iter().filter(|k| after.contains(*k)).collect();
        let (revealed, new): (Vec<&Key>, Vec<&Key>) = after.iter().filter(|k| !before.contains(*k)).partition(|k| {
            fixed_total
                .iter()
                .any(|f| f.0 == k.0 && f.2 == k.2 && super::revealed_by(f.1, k.1))
        });
        for k in revealed {
            if !announced.contains(k) {
                eprintln!(
                    "note: {}: {} now also checks {} (it records every region since its fix)",
                    k.0, k.1, k.2
                );
                announced.insert(k.clone());
            }
        }
        if !still.is_empty() || !new.is_empty() {
            for k in still {
                eprintln!("error: {}: {} on {} is still reported after its fix", k.0, k.1, k.2);
            }
            for k in new {
                eprintln!("error: {}: the fixes introduced {} on {}", k.0, k.1, k.2);
            }
            eprintln!("error: the fixes did not verify; the files were restored");
            restore(&originals);
            return 2;
        }
        super::attach(&mut out);
        let _ = round;
    }
    if diff {
        use std::io::Write as _;
        let mut o = std::io::stdout().lock();
        match o.write_all(stdout.as_bytes()).and_then(|_| o.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return 2,
            _ => {}
        }
    } else {
        eprintln!(
            "{} finding{} fixed in {} file{}",
            fixed_total.len(),
            if fixed_total.len() == 1 { "" } else { "s" },
            written.len(),
            if written.len() == 1 { "" } else { "s" }
        );
    }
    let unfixed: Vec<&Finding> = out
        .findings
        .iter()
        .filter(|f| !diff || f.fix.is_none())
        .filter(|f| diff || !fixed_total.contains(&key(&out, f)))
        .collect();
    for f in &unfixed {
        let p = out.file(f.span.file).position(f.span.start);
        eprintln!(
            "not fixed {}:{}:{}: {} {} (no safe mechanical fix)",
            out.file(f.span.file).path,
            p.line,
            p.column,
            f.rule_id,
            f.message
        );
    }
    if failed {
        2
    } else if !unfixed.is_empty() || (diff && !stdout.is_empty()) {
        1
    } else {
        0
    }
}

/// Whether the file at `path` still holds the text the scan read.
fn unchanged_on_disk(path: &str, read: &str) -> bool {
    std::fs::read_to_string(path).is_ok_and(|now| now == read)
}

/// Prints the scan's read/parse errors; true when there were any.
fn report_errors(out: &ScanOutput) -> bool {
    for d in &out.errors {
        let sf = out.file(d.file);
        match d.offset {
            Some(o) => {
                let p = sf.position(o);
                eprintln!("error: {}:{}:{}: {}", sf.path, p.line, p.column, d.message);
            }
            None => eprintln!("error: {}: {}", sf.path, d.message),
        }
    }
    !out.errors.is_empty()
}

fn restore(originals: &BTreeMap<String, std::sync::Arc<str>>) {
    for (path, text) in originals {
        if let Err(e) = std::fs::write(path, &**text) {
            eprintln!("error: cannot restore {path}: {e}");
        }
    }
}

/// The findings whose fixes are applied together: in finding order, each fix whose edits
/// do not overlap an already chosen edit (insertions at one offset do not overlap).
fn choose(out: &ScanOutput) -> Vec<usize> {
    let mut taken: Vec<Edit> = Vec::new();
    let mut chosen = Vec::new();
    for (i, f) in out.findings.iter().enumerate() {
        let Some(fix) = &f.fix else { continue };
        let clash = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                t.span.file == e.span.file
                    && !(t == e)
                    && (e.span.start < t.span.end && t.span.start < e.span.end
                        || (e.span.start == t.span.start && (e.span.end > e.span.start || t.span.end > t.span.start)))
            })
        });
        if clash {
            continue;
        }
        let fresh: Vec<Edit> = fix.edits.iter().filter(|e| !taken.contains(e)).cloned().collect();
        taken.extend(fresh);
        chosen.push(i);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_detected() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("main.tf");
        std::fs::write(&p, "a = 1\n").unwrap();
        let path = p.to_str().unwrap();
        assert!(unchanged_on_disk(path, "a = 1\n"));
        std::fs::write(&p, "a = 2\n").unwrap();
        assert!(!unchanged_on_disk(path, "a = 1\n"));
        std::fs::remove_file(&p).unwrap();
        assert!(!unchanged_on_disk(path, "a = 1\n"));
    }
}
