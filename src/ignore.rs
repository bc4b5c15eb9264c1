//! The ignore file (`.blindspotignore`): central, per-path, expiring suppressions, kept
//! apart from the code they cover. A YAML list of entries:
//!
//! ```yaml
//! - rule: CT-01                       # rule id or name
//!   path: "sandbox/**"                # glob, relative to the ignore file's directory
//!   resource: aws_cloudtrail.sandbox  # optional: only this resource
//!   reason: other regions are denied by an SCP
//!   expires: 2027-06-30               # optional: suppresses nothing after that day
//! ```
//!
//! The same list may be written as the `ignore:` section of `.blindspot.yml` (paths then
//! relative to the config file).
//!
//! Applied as a step of its own on a scan's findings (after inline suppressions, before
//! the baseline). An entry without a reason suppresses nothing and is reported as SUP-01;
//! an entry (not expired) that matches no finding of a rule that ran, in a file that was
//! scanned, is reported as SUP-02 — both located at the entry.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::doc::{Kind, Node};
use crate::finding::Finding;
use crate::scan::ScanOutput;
use crate::source::{FileId, LineIndex, SourceFile, Span};
use crate::suppress::Suppressed;

pub const FILE_NAME: &str = ".blindspotignore";

/// One entry of the ignore file.
#[derive(Clone, Debug)]
pub struct Entry {
    pub rule: &'static str,
    /// As written, and as an absolute glob anchored at the ignore file's directory.
    pub path: String,
    glob: globset::GlobMatcher,
    pub resource: Option<String>,
    pub reason: Option<String>,
    pub expires: Option<String>,
    /// Byte range of the entry in the ignore file.
    start: usize,
    end: usize,
}

/// A parsed ignore file.
#[derive(Clone, Debug)]
pub struct IgnoreFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub entries: Vec<Entry>,
}

/// Two ignore lists are equal when read from the same text at the same place.
impl PartialEq for IgnoreFile {
    fn eq(&self, other: &IgnoreFile) -> bool {
        self.path == other.path
            && self.text == other.text
            && self
                .entries
                .iter()
                .map(|e| (e.start, e.end))
                .eq(other.entries.iter().map(|e| (e.start, e.end)))
    }
}

/// The nearest `.blindspotignore` from `start` (a file or directory) upwards.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

pub fn load(path: &Path) -> Result<IgnoreFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    parse(path, &text)
}

/// Parses an ignore file; mistakes are reported as `file:line:column: message`.
pub fn parse(path: &Path, text: &str) -> Result<IgnoreFile, String> {
    let lines = LineIndex::new(text);
    let root = crate::doc::yaml::parse(text).map_err(|e| {
        let p = lines.position(text, e.offset);
        format!("{}:{}:{}: {}", path.display(), p.line, p.column, e.message)
    })?;
    from_node(path, text, &root)
}

/// The entries of an ignore list written at `root` (the whole ignore file, or the
/// `ignore:` section of `.blindspot.yml`); `text` is the whole file, for locations.
pub fn from_node(path: &Path, text: &str, root: &Node) -> Result<IgnoreFile, String> {
    let lines = LineIndex::new(text);
    let err = |offset: usize, message: &str| {
        let p = lines.position(text, offset);
        format!("{}:{}:{}: {message}", path.display(), p.line, p.column)
    };
    let items: &[Node] = match &root.kind {
        Kind::Seq(items) => items,
        Kind::Null => &[],
        _ => {
            return Err(err(
                root.span.start as usize,
                "the ignore file must be a list of entries",
            ));
        }
    };
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let base = absolute(&parent.to_string_lossy()).to_string_lossy().replace('\\', "/");
    let mut entries = Vec::new();
    for item in items {
        let at = item.span.start as usize;
        if !item.is_map() {
            return Err(err(at, "an entry must be a mapping (rule, path, reason, ...)"));
        }
        let mut rule = None;
        let (mut glob_text, mut resource, mut reason, mut expires) = (None, None, None, None);
        for e in item.entries() {
            let value = || {
                e.value
                    .as_str()
                    .map(str::to_string)
                    .ok_or_else(|| err(e.value.span.start as usize, &format!("`{}` must be a string", e.key)))
            };
            match e.key.as_str() {
                "rule" => {
                    let id = value()?;
                    rule = Some(match crate::rules::find(&id) {
                        Some(r) => r.id,
                        None => {
                            let hint = crate::select::suggest(&id)
                                .map(|s| format!(" (did you mean {s}?)"))
                                .unwrap_or_default();
                            return Err(err(
                                e.value.span.start as usize,
                                &format!("unknown rule \"{id}\"{hint}"),
                            ));
                        }
                    });
                }
                "path" => {
                    let g = value()?;
                    let anchored = if g.starts_with('/') {
                        g.clone()
                    } else {
                        format!("{}/{g}", globset::escape(base.trim_end_matches('/')))
                    };
                    let m = globset::Glob::new(&anchored)
                        .map_err(|x| err(e.value.span.start as usize, &format!("bad glob \"{g}\": {x}")))?
                        .compile_matcher();
                    glob_text = Some((g, m));
                }
                "resource" => resource = Some(value()?),
                "reason" => reason = Some(value()?).filter(|r| !r.trim().is_empty()),
                "expires" => {
                    let d = value()?;
                    let ok = d.len() == 10
                        && d.bytes().enumerate().all(|(i, b)| {
                            if i == 4 || i == 7 {
                                b == b'-'
                            } else {
                                b.is_ascii_digit()
                            }
                        });
                    if !ok {
                        return Err(err(e.value.span.start as usize, "`expires` must be a date, YYYY-MM-DD"));
                    }
                    expires = Some(d);
                }
                k => {
                    return Err(err(
                        e.key_span.start as usize,
                        &format!("unknown key `{k}` (known: rule, path, resource, reason, expires)"),
                    ));
                }
            }
        }
        let rule = rule.ok_or_else(|| err(at, "an entry needs a `rule`"))?;
        let (path, glob) = glob_text.ok_or_else(|| err(at, "an entry needs a `path` glob"))?;
        entries.push(Entry {
            rule,
            path,
            glob,
            resource,
            reason,
            expires,
            start: at,
            end: item.span.end as usize,
        });
    }
    Ok(IgnoreFile {
        path: path.to_path_buf(),
        text: Arc::from(text),
        entries,
    })
}

fn absolute(shown: &str) -> PathBuf {
    let abs = std::path::absolute(shown).unwrap_or_else(|_| PathBuf::from(shown));
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// A SUP finding on an ignore-file entry, built like every other finding.
fn sup(rule: &'static str, span: Span, attribute: String, message: String) -> Finding {
    let policy = crate::rules::find(rule)
        .expect("SUP-01 and SUP-02 are built-in rules")
        .policy();
    let mut f = Finding::new(rule, policy, message, span);
    f.attribute = attribute;
    f
}

/// Moves the findings an entry covers to `out.suppressed` (kind `ignore-file`) and adds
/// SUP-01/SUP-02 findings for the entries themselves, with the configured `severity:` of
/// `opts` like every other finding. `today` is `YYYY-MM-DD`.
pub fn apply(out: &mut ScanOutput, file: &IgnoreFile, today: &str, opts: &crate::scan::Options) {
    let id = FileId(out.files.len() as u32);
    out.files.push(SourceFile::new(
        crate::discover::display_path(&file.path),
        file.text.clone(),
    ));
    let active = |e: &Entry| e.reason.is_some() && e.expires.as_deref().is_none_or(|d| d >= today);
    let mut used = vec![false; file.entries.len()];
    let findings = std::mem::take(&mut out.findings);
    for f in findings {
        let path = absolute(&out.file(f.span.file).path);
        let hit = file.entries.iter().enumerate().find(|(_, e)| {
            active(e)
                && e.rule == f.rule_id
                && e.glob.is_match(&path)
                && e.resource.as_deref().is_none_or(|r| Some(r) == f.resource.as_deref())
        });
        match hit {
            Some((i, e)) => {
                used[i] = true;
                out.suppressed.push(Suppressed {
                    finding: f,
                    kind: "ignore-file",
                    reason: e.reason.clone().unwrap_or_default(),
                });
            }
            None => out.findings.push(f),
        }
    }
    let scanned: Vec<PathBuf> = out.files[..id.0 as usize]
        .iter()
        .filter(|f| !f.text.is_empty())
        .map(|f| absolute(&f.path))
        .collect();
    let selected = |r: &str| out.selected.contains(&r);
    let mut extra = Vec::new();
    for (i, e) in file.entries.iter().enumerate() {
        let span = Span::new(id, e.start, e.end.max(e.start));
        if let Some(note) = crate::rules::retired_note(e.rule) {
            out.notes.push(crate::frontend::Diagnostic {
                file: id,
                offset: Some(e.start as u32),
                message: format!("ignore file entry {note}"),
            });
            continue;
        }
        if e.reason.is_none() {
            if selected("SUP-01") {
                extra.push(sup(
                    "SUP-01",
                    span,
                    format!("ignore-file:{}:{}", e.rule, e.path),
                    format!(
                        "ignore file entry for {} on \"{}\" gives no reason; it does not suppress anything",
                        e.rule, e.path
                    ),
                ));
            }
            continue;
        }
        let could_match = selected(e.rule) && scanned.iter().any(|p| e.glob.is_match(p));
        if !used[i] && active(e) && could_match && selected("SUP-02") {
            extra.push(sup(
                "SUP-02",
                span,
                format!("ignore-file:{}:{}", e.rule, e.path),
                format!(
                    "ignore file entry for {} on \"{}\"{} matches no finding; remove it",
                    e.rule,
                    e.path,
                    e.resource.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
                ),
            ));
        }
    }
    extra.iter_mut().for_each(|f| crate::scan::override_severity(opts, f));
    out.findings.extend(extra);
    let key = |f: &Finding| {
        (
            out.files[f.span.file.0 as usize].path.clone(),
            f.span.start,
            f.rule_id,
            f.message.clone(),
        )
    };
    let mut keyed: Vec<_> = std::mem::take(&mut out.findings)
        .into_iter()
        .map(|f| (key(&f), f))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    out.findings = keyed.into_iter().map(|(_, f)| f).collect();
    let mut keyed: Vec<_> = std::mem::take(&mut out.suppressed)
        .into_iter()
        .map(|s| (key(&s.finding), s))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    out.suppressed = keyed.into_iter().map(|(_, s)| s).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_validated_with_locations() {
        let p = Path::new("x/.blindspotignore");
        let f = parse(
            p,
            "- rule: cloudtrail-multi-region\n  path: 'a/**'\n  reason: r\n  expires: 2027-01-31\n",
        )
        .unwrap();
        assert_eq!(f.entries[0].rule, "CT-01");
        assert_eq!(f.entries[0].expires.as_deref(), Some("2027-01-31"));
        let e = parse(p, "- rule: CT-1\n  path: a\n").unwrap_err();
        assert!(
            e.contains("x/.blindspotignore:1:9: unknown rule \"CT-1\" (did you mean CT-01?)"),
            "{e}"
        );
        let e = parse(p, "- rule: CT-01\n").unwrap_err();
        assert!(e.contains("needs a `path`"), "{e}");
        let e = parse(p, "- rule: CT-01\n  path: a\n  expires: soon\n").unwrap_err();
        assert!(e.contains(":3:12: `expires` must be a date"), "{e}");
        let e = parse(p, "- rule: CT-01\n  path: a\n  owner: me\n").unwrap_err();
        assert!(e.contains(":3:3: unknown key `owner`"), "{e}");
        assert!(parse(p, "rule: CT-01\n").is_err());
        assert!(parse(p, "").unwrap().entries.is_empty());
    }
}
