//! Suppressions: blindspot's own (`# blindspot:ignore CT-01 reason`, CloudFormation
//! `Metadata.blindspot.ignore`) and the ones teams already have for peer tools (Checkov,
//! tfsec, Trivy, cfn_nag), mapped to blindspot rules through the `equivalents` table of
//! `policies/`. Also reports ignores without a reason (SUP-01) and ignores that match
//! nothing (SUP-02).

use std::collections::{BTreeMap, HashMap};

use crate::finding::Finding;
use crate::model::Model;
use crate::policy::Policy;
use crate::rules::RULES;
use crate::source::{FileId, SourceFile, Span};

/// Which tool's syntax a suppression was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tool {
    Blindspot,
    Checkov,
    Tfsec,
    Trivy,
    CfnNag,
}

impl Tool {
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Blindspot => "blindspot",
            Tool::Checkov => "checkov",
            Tool::Tfsec => "tfsec",
            Tool::Trivy => "trivy",
            Tool::CfnNag => "cfn_nag",
        }
    }
}

/// One suppressed id as written: a comment or a CloudFormation `Metadata` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub tool: Tool,
    /// The id as written (`CT-01`, `CKV_AWS_67`, `AVD-AWS-0014`, ...).
    pub id: String,
    pub reason: Option<String>,
    /// `YYYY-MM-DD` (tfsec/Trivy `:exp:`); the suppression ends after that day.
    pub expires: Option<String>,
    /// Where it is written.
    pub span: Span,
    /// Written in CloudFormation `Metadata` (applies to the whole resource).
    pub metadata: bool,
}

impl Directive {
    /// The `suppression.kind` of the JSON report.
    pub fn kind(&self) -> &'static str {
        match (self.tool, self.metadata) {
            (Tool::Blindspot, false) => "inline",
            (Tool::Blindspot, true) => "metadata",
            (t, _) => t.as_str(),
        }
    }
}

/// A finding hidden by a suppression.
#[derive(Clone, Debug, PartialEq)]
pub struct Suppressed {
    pub finding: Finding,
    pub kind: &'static str,
    pub reason: String,
}

/// The blindspot rules a directive names (through `equivalents` for peer tools).
pub fn rules_for(tool: Tool, id: &str) -> Vec<&'static str> {
    let mut out = rules_for_in(RULES.iter().map(|r| (r.id, r.policy())), tool, id);
    // Guard rules of the loaded policies, by their id `GUARD:<rule name>` (issue 15).
    if tool == Tool::Blindspot {
        out.extend(crate::guard::intern::lookup(id));
    }
    out
}

fn rules_for_in<'a>(
    policies: impl Iterator<Item = (&'static str, &'a Policy)>,
    tool: Tool,
    id: &str,
) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (rule, p) in policies {
        let eq = &p.equivalents;
        let hit = match tool {
            Tool::Blindspot => rule.eq_ignore_ascii_case(id) || p.name == id,
            Tool::Checkov => eq.checkov.iter().any(|c| c.eq_ignore_ascii_case(id)),
            // tfsec ids are also accepted by Trivy, and Trivy's AVD ids by tfsec's successor.
            // Since trivy-checks moved its primary ids from `AVD-AWS-0014` to `AWS-0014`
            // (December 2025; the AVD form stays an alias), both spellings name one check.
            Tool::Tfsec | Tool::Trivy => eq.tfsec.iter().chain(&eq.trivy).any(|c| {
                c.eq_ignore_ascii_case(id)
                    || c.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("AVD-")) && c[4..].eq_ignore_ascii_case(id)
            }),
            Tool::CfnNag => eq.cfn_nag.iter().any(|c| c.eq_ignore_ascii_case(id)),
        };
        if hit {
            out.push(rule);
        }
    }
    out
}

/// A directive found in a Terraform comment, with the line it applies to.
#[derive(Clone, Debug)]
struct Placed {
    d: Directive,
    /// 1-based line the directive applies to (its own line, or the line below a
    /// comment-only line).
    target: u32,
}

/// One file's comment directives, indexed by the line they apply to.
struct FileDirectives {
    placed: Vec<Placed>,
    /// Target line -> indexes into `placed`, in file order.
    by_target: HashMap<u32, Vec<usize>>,
    /// Every directive by its own line (a directive anywhere inside a resource block
    /// applies to that resource's findings): (own line, index), sorted by line.
    inside: Vec<(u32, usize)>,
}

impl FileDirectives {
    fn new(file: &SourceFile, placed: Vec<Placed>) -> Self {
        let mut by_target: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut inside = Vec::new();
        for (i, p) in placed.iter().enumerate() {
            by_target.entry(p.target).or_default().push(i);
            inside.push((file.position(p.d.span.start).line, i));
        }
        inside.sort_unstable();
        FileDirectives {
            placed,
            by_target,
            inside,
        }
    }
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'
}

/// Byte offset where the comment on `line` starts (`#` or `//` outside strings).
fn comment_start(line: &str) -> Option<usize> {
    let mut in_str = false;
    let mut prev = '\0';
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if in_str {
            if c == '"' && prev != '\\' {
                in_str = false;
            }
            prev = if prev == '\\' && c == '\\' { '\0' } else { c };
            continue;
        }
        match c {
            '"' => in_str = true,
            '#' => return Some(i),
            '/' if iter.peek().is_some_and(|(_, n)| *n == '/') => return Some(i),
            _ => {}
        }
        prev = c;
    }
    None
}

/// Parses the directives in one comment. `base` is the byte offset of `comment` in the file.
fn parse_comment(file: FileId, comment: &str, base: usize) -> Vec<Directive> {
    let mut out = Vec::new();
    let span = Span::new(file, base, base + comment.trim_end().len());
    let mk = |tool, id: &str, reason: Option<String>, expires: Option<String>| Directive {
        tool,
        id: id.to_string(),
        reason,
        expires,
        span,
        metadata: false,
    };
    // Ours: `blindspot:ignore CT-01, CT-02 reason text` (the reason is the rest of the comment).
    if let Some(i) = comment.find("blindspot:ignore") {
        let mut rest = &comment[i + "blindspot:ignore".len()..];
        let mut ids = Vec::new();
        loop {
            let trimmed = rest.trim_start();
            // Guard rule ids (`GUARD:<rule name>`, issue 15) hold a colon.
            let skip = if crate::guard::intern::is_guard(trimmed) {
                crate::guard::intern::PREFIX.len()
            } else {
                0
            };
            let end = trimmed[skip..]
                .find(|c: char| !is_id_char(c))
                .map_or(trimmed.len(), |e| e + skip);
            if end == skip {
                rest = trimmed;
                break;
            }
            ids.push(&trimmed[..end]);
            let after = trimmed[end..].trim_start();
            match after.strip_prefix(',') {
                Some(more) => rest = more,
                None => {
                    rest = after;
                    break;
                }
            }
        }
        let reason = rest.trim().trim_start_matches([':', '-']).trim();
        let reason = (!reason.is_empty()).then(|| reason.to_string());
        if ids.is_empty() {
            out.push(mk(Tool::Blindspot, "", reason.clone(), None));
        }
        for id in ids {
            out.push(mk(Tool::Blindspot, id, reason.clone(), None));
        }
    }
    // Checkov: `checkov:skip=CKV_AWS_67:reason`.
    let mut from = 0;
    while let Some(i) = comment[from..].find("checkov:skip=") {
        let start = from + i + "checkov:skip=".len();
        let rest = &comment[start..];
        let end = rest.find(|c: char| !is_id_char(c)).unwrap_or(rest.len());
        let id = &rest[..end];
        let reason = rest[end..]
            .strip_prefix(':')
            .map(|r| r.split("checkov:skip=").next().unwrap_or("").trim().to_string())
            .filter(|r| !r.is_empty());
        if !id.is_empty() {
            out.push(mk(Tool::Checkov, id, reason, None));
        }
        from = start;
    }
    // tfsec / Trivy: `tfsec:ignore:<id>[:exp:YYYY-MM-DD]`, several per comment.
    for (marker, tool) in [("tfsec:ignore:", Tool::Tfsec), ("trivy:ignore:", Tool::Trivy)] {
        let mut from = 0;
        while let Some(i) = comment[from..].find(marker) {
            let start = from + i + marker.len();
            let rest = &comment[start..];
            let end = rest.find(|c: char| !is_id_char(c)).unwrap_or(rest.len());
            let id = &rest[..end];
            let expires = rest[end..].strip_prefix(":exp:").map(|r| {
                r.chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '-')
                    .collect::<String>()
            });
            if !id.is_empty() {
                out.push(mk(tool, id, None, expires));
            }
            from = start;
        }
    }
    out
}

/// The directives in a Terraform file's comments.
fn terraform_directives(file: FileId, text: &str) -> Vec<Placed> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut offsets = Vec::with_capacity(lines.len());
    let mut off = 0;
    for l in &lines {
        offsets.push(off);
        off += l.len() + 1;
    }
    let comment_only = |l: &str| {
        let t = l.trim_start();
        t.starts_with('#') || t.starts_with("//")
    };
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(c) = comment_start(line) else { continue };
        let comment = &line[c..];
        if !(comment.contains("blindspot:ignore")
            || comment.contains("checkov:skip=")
            || comment.contains("tfsec:ignore:")
            || comment.contains("trivy:ignore:"))
        {
            continue;
        }
        let mut target = i;
        if comment_only(line) {
            target = i + 1;
            while target < lines.len() && comment_only(lines[target]) {
                target += 1;
            }
        }
        for d in parse_comment(file, comment, offsets[i] + c) {
            out.push(Placed {
                d,
                target: target as u32 + 1,
            });
        }
    }
    // Block comments (`/* blindspot:ignore CT-09 reason */`): on lines of their own they
    // apply to the line below, else to their own line.
    let line_of = |off: usize| offsets.partition_point(|&o| o <= off).saturating_sub(1);
    for (start, end) in block_comments(text) {
        let body = text[start..end].trim_end_matches("*/");
        if !(body.contains("blindspot:ignore")
            || body.contains("checkov:skip=")
            || body.contains("tfsec:ignore:")
            || body.contains("trivy:ignore:"))
        {
            continue;
        }
        let (first, last) = (line_of(start), line_of(end.saturating_sub(1)));
        let starts_line = lines[first][..start - offsets[first]].trim().is_empty();
        // The scan above does not follow quotes nested in `${...}`: a comment that spans
        // lines must start its line to be taken for one.
        if first != last && !starts_line {
            continue;
        }
        let alone = starts_line
            && lines[last][(end - offsets[last]).min(lines[last].len())..]
                .trim()
                .is_empty();
        let mut target = first;
        if alone {
            target = last + 1;
            while target < lines.len() && comment_only(lines[target]) {
                target += 1;
            }
        }
        for d in parse_comment(file, body, start) {
            out.push(Placed {
                d,
                target: target as u32 + 1,
            });
        }
    }
    out
}

/// Byte ranges of the `/* ... */` comments of a Terraform file (outside strings and line
/// comments); an unterminated one runs to the end of the file.
fn block_comments(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_str = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_str {
            match b {
                b'\\' => i += 1,
                b'"' | b'\n' => in_str = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let start = i;
                let end = text[i + 2..].find("*/").map(|e| i + 2 + e + 2).unwrap_or(bytes.len());
                out.push((start, end));
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The `resource` blocks of a Terraform file, as (header line, end
/// line), found from the text: blocks at the start of a line (as `terraform fmt` writes
/// them). One pass over the file.
fn top_level_blocks(text: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut offset = 0usize;
    let mut skip_to = 0usize;
    for (line, l) in (1u32..).zip(text.split_inclusive('\n')) {
        if offset >= skip_to
            && l.starts_with("resource ")
            && l.contains('{')
            && let Some(end) = block_end(text, offset)
        {
            let end_line = line + text[offset..end].matches('\n').count() as u32;
            out.push((line, end_line));
            skip_to = end;
        }
        offset += l.len();
    }
    out
}

/// End offset of the `{ ... }` block that starts after `from` (braces outside strings
/// and comments).
fn block_end(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut depth = 0usize;
    let mut in_str = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_str {
            if b == b'\\' {
                i += 2;
                continue;
            }
            if b == b'"' {
                in_str = false;
            }
        } else {
            match b {
                b'"' => in_str = true,
                b'#' => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// Today's date as `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

/// What [`apply`] produced.
#[derive(Default)]
pub struct Outcome {
    pub kept: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
    /// SUP-01 and SUP-02 findings.
    pub extra: Vec<Finding>,
    /// Notes about the suppressions (a blindspot ignore of a retired rule).
    pub notes: Vec<crate::frontend::Diagnostic>,
}

fn sup_finding(
    rule: &'static str,
    span: Span,
    resource: Option<(&str, &str, &'static str)>,
    attribute: String,
    message: String,
) -> Finding {
    let policy = crate::rules::find(rule).map(|r| r.policy());
    Finding {
        rule_id: rule,
        rule_name: policy.map(|p| p.name.clone()).unwrap_or_default(),
        severity: policy.map(|p| p.severity).unwrap_or(crate::policy::Severity::Low),
        message,
        span,
        resource: resource.map(|r| r.0.to_string()),
        resource_type: resource.map(|r| r.1.to_string()),
        iac: resource.map(|r| r.2),
        instances: Vec::new(),
        related: Vec::new(),
        help: policy.map(|p| p.help.clone()).unwrap_or_default(),
        references: policy.map(|p| p.all_references()).unwrap_or_default(),
        context: None,
        attribute,
        fix: None,
    }
}

/// Splits `findings` into kept and suppressed, and reports reason-less (SUP-01) and
/// unused (SUP-02) suppressions. `findings` must hold every rule's findings, so that an
/// ignore for a rule that was not selected is not called unused.
///
/// A suppression is judged unused only on a resource known to exist: one with zero
/// instances under the evaluated variables (`count = 0`, an empty `for_each`, a module
/// called zero times) or whose existence is unknown may hide findings blindspot cannot see
/// today. Peer tools' suppressions are judged only with `judge_peers`
/// (`--unused-peer-suppressions`): they may still serve their own tool.
pub fn apply(files: &[SourceFile], model: &Model, findings: Vec<Finding>, today: &str, judge_peers: bool) -> Outcome {
    // Terraform comment directives, per file.
    let mut by_file: BTreeMap<FileId, FileDirectives> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        let lower = f.path.to_ascii_lowercase();
        // Every directive holds `:ignore` or `:skip=` (blindspot:ignore, checkov:skip=,
        // tfsec:ignore:, trivy:ignore:): one substring search passes over the many files
        // without any, instead of a line-by-line comment scan of each (issue 18 item 5).
        if lower.ends_with(".tf") && (f.text.contains(":ignore") || f.text.contains(":skip=")) {
            let id = FileId(i as u32);
            let ds = terraform_directives(id, &f.text);
            if !ds.is_empty() {
                by_file.insert(id, FileDirectives::new(f, ds));
            }
        }
    }
    let resources: HashMap<(FileId, &str), usize> = model
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.header.file, r.address.as_str()), i))
        .collect();
    // Usage marks: Terraform directives by (file, index); metadata by (resource, index).
    let mut used_tf: HashMap<(FileId, usize), bool> = HashMap::new();
    let mut used_meta: HashMap<(usize, usize), bool> = HashMap::new();
    let valid = |d: &Directive| {
        !(d.tool == Tool::Blindspot && d.reason.is_none()) && d.expires.as_deref().is_none_or(|e| e >= today)
    };
    let mut out = Outcome::default();
    for f in findings {
        let file = &files[f.span.file.0 as usize];
        let line = file.position(f.span.start).line;
        let res = f
            .resource
            .as_deref()
            .and_then(|a| resources.get(&(f.span.file, a)).copied());
        let mut hit: Option<(&'static str, String)> = None;
        if let Some(ix) = by_file.get(&f.span.file) {
            let ds = &ix.placed;
            let header = res.map(|r| model.resources[r].header);
            let header_line = header.map(|h| file.position(h.start).line);
            // Only the directives that can apply: those aimed at the finding's line or its
            // resource's header line, and those inside the resource block. Looked up
            // by line, so applying suppressions is linear, not findings x directives (19.9).
            let mut candidates: Vec<usize> = Vec::new();
            candidates.extend(ix.by_target.get(&line).into_iter().flatten());
            if let Some(h) = header_line.filter(|h| *h != line) {
                candidates.extend(ix.by_target.get(&h).into_iter().flatten());
            }
            if let Some(h) = header_line
                && let Some(e) = header
                    .and_then(|h| block_end(&file.text, h.end as usize))
                    .map(|e| file.position(e as u32).line)
            {
                let from = ix.inside.partition_point(|(l, _)| *l < h);
                candidates.extend(ix.inside[from..].iter().take_while(|(l, _)| *l <= e).map(|(_, i)| *i));
            }
            candidates.sort_unstable();
            candidates.dedup();
            for i in candidates {
                let p = &ds[i];
                if valid(&p.d) && rules_for(p.d.tool, &p.d.id).contains(&f.rule_id) {
                    used_tf.insert((f.span.file, i), true);
                    hit.get_or_insert((p.d.kind(), p.d.reason.clone().unwrap_or_default()));
                }
            }
        }
        if let Some(r) = res {
            for (i, d) in model.resources[r].suppressions.iter().enumerate() {
                if valid(d) && rules_for(d.tool, &d.id).contains(&f.rule_id) {
                    used_meta.insert((r, i), true);
                    hit.get_or_insert((d.kind(), d.reason.clone().unwrap_or_default()));
                }
            }
        }
        match hit {
            Some((kind, reason)) => out.suppressed.push(Suppressed {
                finding: f,
                kind,
                reason,
            }),
            None => out.kept.push(f),
        }
    }
    // Problems with the suppressions themselves.
    let mut check = |d: &Directive, used: bool, resource: Option<(&str, &str, &'static str)>| {
        if d.tool == Tool::Blindspot && d.reason.is_none() {
            let what = if d.id.is_empty() {
                "no rule id".to_string()
            } else {
                d.id.clone()
            };
            out.extra.push(sup_finding(
                "SUP-01",
                d.span,
                resource,
                format!("blindspot:{}", d.id),
                format!("blindspot ignore for {what} gives no reason; it does not suppress anything"),
            ));
            return;
        }
        if used || !valid(d) {
            return;
        }
        let rules = rules_for(d.tool, &d.id);
        // A retired rule (S3-01) never fires: a blindspot ignore of it gets a note, a peer
        // suppression that maps only to it is left alone (services.md §5.1).
        if !rules.is_empty() && rules.iter().all(|r| crate::rules::find(r).is_some_and(|r| r.retired())) {
            if d.tool == Tool::Blindspot {
                out.notes
                    .extend(rules.iter().filter_map(|r| crate::rules::retired_note(r)).map(|note| {
                        crate::frontend::Diagnostic {
                            file: d.span.file,
                            offset: Some(d.span.start),
                            message: format!("blindspot ignore {note}"),
                        }
                    }));
            }
            return;
        }
        if d.tool != Tool::Blindspot && !judge_peers {
            return;
        }
        let rules: Vec<&str> = rules
            .into_iter()
            .filter(|r| !crate::rules::find(r).is_some_and(|r| r.retired()))
            .collect();
        // The log-store rules look only at buckets, log groups and keys that hold logs,
        // while the peer checks they map to look at every bucket, group or key: a peer
        // suppression that blindspot finds nothing for may still be needed by that peer.
        let narrower = |r: &&str| r.starts_with("S3-") || r.starts_with("CW-") || r.starts_with("KMS-");
        if d.tool != Tool::Blindspot && rules.iter().any(narrower) {
            return;
        }
        // cfn_nag W45 judges every API Gateway deployment by the stages it is deployed to;
        // APIGW-01 judges a deployment only for the stage its `StageName` creates.
        if d.tool == Tool::CfnNag && d.id.eq_ignore_ascii_case("W45") {
            return;
        }
        let message = if rules.is_empty() {
            if d.tool != Tool::Blindspot {
                // A peer tool's check without a blindspot equivalent: not ours to judge.
                return;
            }
            format!("blindspot ignore names no blindspot rule: \"{}\"", d.id)
        } else if d.tool == Tool::Blindspot {
            format!(
                "blindspot suppression of {} ({}) matches no finding here; remove it",
                d.id,
                rules.join(", ")
            )
        } else {
            // Another tool's comment: blindspot cannot know whether that tool still needs it.
            format!(
                "{tool} suppression of {} (blindspot {}) matches no blindspot finding here; if {tool} no longer reports it either, it can go",
                d.id,
                rules.join(", "),
                tool = d.tool.as_str()
            )
        };
        out.extra.push(sup_finding(
            "SUP-02",
            d.span,
            resource,
            format!("{}:{}", d.tool.as_str(), d.id),
            message,
        ));
    };
    // The resources known to exist (and those that may not), by file: a directive is judged
    // only when it belongs to one known to exist, or to no resource block at all.
    let mut blocks: HashMap<FileId, Vec<(u32, u32, bool)>> = HashMap::new();
    for r in &model.resources {
        if by_file.contains_key(&r.header.file) {
            let file = &files[r.header.file.0 as usize];
            let h = file.position(r.header.start).line;
            let e = block_end(&file.text, r.header.end as usize).map_or(h, |e| file.position(e as u32).line);
            blocks
                .entry(r.header.file)
                .or_default()
                .push((h, e, r.exists_if.is_none()));
        }
    }
    for (file, ds) in &by_file {
        let text = &files[file.0 as usize];
        let mut unevaluated: Option<Vec<(u32, u32)>> = None;
        for (i, p) in ds.placed.iter().enumerate() {
            let used = used_tf.contains_key(&(*file, i));
            if !used && valid(&p.d) && !(p.d.tool == Tool::Blindspot && p.d.reason.is_none()) {
                let own = text.position(p.d.span.start).line;
                let belongs = |(h, e): (u32, u32)| p.target == h || (h <= own && own <= e);
                let mut known = false;
                let mut maybe = false;
                for &(h, e, exists) in blocks.get(file).into_iter().flatten() {
                    if belongs((h, e)) {
                        known |= exists;
                        maybe |= !exists;
                    }
                }
                if !known {
                    // A block of the file that is not in the model has zero instances (or
                    // lies in a module nothing evaluated): not judged either.
                    let unevaluated = unevaluated.get_or_insert_with(|| top_level_blocks(&text.text));
                    if maybe || unevaluated.iter().any(|&b| belongs(b)) {
                        continue;
                    }
                }
            }
            check(&p.d, used, None);
        }
    }
    for (r, res) in model.resources.iter().enumerate() {
        if res.exists_if.is_some() {
            // May not exist: whether its suppressions are used cannot be known.
            for (i, d) in res.suppressions.iter().enumerate() {
                if d.tool == Tool::Blindspot && d.reason.is_none() {
                    let info = (res.address.as_str(), res.resource_type.as_str(), res.iac.as_str());
                    check(d, used_meta.contains_key(&(r, i)), Some(info));
                }
            }
            continue;
        }
        for (i, d) in res.suppressions.iter().enumerate() {
            let info = (res.address.as_str(), res.resource_type.as_str(), res.iac.as_str());
            check(d, used_meta.contains_key(&(r, i)), Some(info));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(c: &str) -> Vec<(Tool, String, Option<String>, Option<String>)> {
        parse_comment(FileId(0), c, 0)
            .into_iter()
            .map(|d| (d.tool, d.id, d.reason, d.expires))
            .collect()
    }

    #[test]
    fn parses_every_comment_syntax() {
        assert_eq!(
            parse("# blindspot:ignore CT-01, CT-02 single-region by design"),
            vec![
                (
                    Tool::Blindspot,
                    "CT-01".into(),
                    Some("single-region by design".into()),
                    None
                ),
                (
                    Tool::Blindspot,
                    "CT-02".into(),
                    Some("single-region by design".into()),
                    None
                ),
            ]
        );
        assert_eq!(
            parse("// blindspot:ignore CT-01"),
            vec![(Tool::Blindspot, "CT-01".into(), None, None)]
        );
        assert_eq!(
            parse("#checkov:skip=CKV_AWS_67:Org trail covers it"),
            vec![(
                Tool::Checkov,
                "CKV_AWS_67".into(),
                Some("Org trail covers it".into()),
                None
            )]
        );
        assert_eq!(
            parse("#tfsec:ignore:aws-cloudtrail-enable-all-regions:exp:2025-01-31 #trivy:ignore:AVD-AWS-0016"),
            vec![
                (
                    Tool::Tfsec,
                    "aws-cloudtrail-enable-all-regions".into(),
                    None,
                    Some("2025-01-31".into())
                ),
                (Tool::Trivy, "AVD-AWS-0016".into(), None, None),
            ]
        );
    }

    #[test]
    fn comments_are_found_outside_strings_only() {
        assert_eq!(comment_start("  name = \"a#b\" # x"), Some(15));
        assert_eq!(comment_start("url = \"http://x\" // y"), Some(17));
        assert_eq!(comment_start("a = 1"), None);
    }

    #[test]
    fn block_end_skips_strings_and_comments() {
        let t = "resource \"a\" \"b\" {\n  x = \"}\" # }\n  y { }\n}\nrest";
        assert_eq!(block_end(t, 0), Some(t.find("}\nrest").unwrap() + 1));
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(20_454), "2026-01-01");
        assert_eq!(today().len(), 10);
    }

    #[test]
    fn peer_ids_map_through_equivalents() {
        assert_eq!(rules_for(Tool::Checkov, "CKV_AWS_67"), vec!["CT-01"]);
        assert_eq!(rules_for(Tool::Trivy, "AVD-AWS-0014"), vec!["CT-01"]);
        // Trivy's current primary id form (the AVD form is its alias).
        assert_eq!(rules_for(Tool::Trivy, "AWS-0014"), vec!["CT-01"]);
        assert_eq!(rules_for(Tool::Trivy, "aws-0014"), vec!["CT-01"]);
        assert!(rules_for(Tool::Trivy, "AWS-9999").is_empty());
        assert_eq!(
            rules_for(Tool::Trivy, "aws-cloudtrail-enable-all-regions"),
            vec!["CT-01"]
        );
        assert_eq!(
            rules_for(Tool::Tfsec, "aws-cloudtrail-enable-all-regions"),
            vec!["CT-01"]
        );
        assert_eq!(rules_for(Tool::Blindspot, "cloudtrail-multi-region"), vec!["CT-01"]);
        assert!(rules_for(Tool::Checkov, "CKV_AWS_999").is_empty());
        let mut p = crate::rules::find("CT-02").unwrap().policy().clone();
        p.equivalents.cfn_nag = vec!["W9999".into()];
        assert_eq!(
            rules_for_in([("CT-02", &p)].into_iter(), Tool::CfnNag, "w9999"),
            vec!["CT-02"]
        );
    }
}
