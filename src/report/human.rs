//! Human output: code frames rendered by miette, then a summary line.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use crate::policy::Severity;
use crate::report::{AsReport, Report};
use crate::source::SourceFile;

struct Frame {
    message: String,
    code: String,
    help: Option<String>,
    severity: miette::Severity,
    source: Excerpt,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl fmt::Display for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Frame {}

impl Diagnostic for Frame {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

fn span(start: usize, end: usize) -> SourceSpan {
    SourceSpan::new(start.into(), end.saturating_sub(start))
}

/// Renders the report. `color` turns ANSI styling on (only for a terminal without NO_COLOR).
pub fn render(out: &impl AsReport, color: bool) -> String {
    out.with_report(|out| render_report(out, color))
}

fn render_report(out: &Report, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // miette counts the header's column in bytes; the header is written by us instead, in
    // code points like JSON and SARIF (the source is named `file:line:column`).
    let handler = GraphicalReportHandler::new_themed(theme)
        .without_primary_span_start()
        .with_links(false)
        .with_width(100);
    let mut s = String::new();
    for f in out.findings {
        let file = out.file(f.span.file);
        let mut wanted = vec![(f.span.start, f.span.end)];
        let mut texts = vec![label_for(f)];
        let mut elsewhere = Vec::new();
        for r in &f.related {
            if r.span.file == f.span.file {
                wanted.push((r.span.start, r.span.end));
                texts.push(r.message.clone());
            } else {
                let p = out.file(r.span.file).position(r.span.start);
                elsewhere.push(format!(
                    "{}:{}:{}: {}",
                    out.file(r.span.file).path,
                    p.line,
                    p.column,
                    r.message
                ));
            }
        }
        let (mut source, shown) = Excerpt::new(file, &wanted);
        source.name = header(out, f.span.file, f.span.start);
        let mut labels = Vec::new();
        for ((i, shown), text) in shown.into_iter().enumerate().zip(texts) {
            match shown {
                Some((a, b)) if i == 0 => labels.push(LabeledSpan::new_primary_with_span(Some(text), span(a, b))),
                Some((a, b)) => labels.push(LabeledSpan::new_with_span(Some(text), span(a, b))),
                None => {
                    let p = file.position(wanted[i].0);
                    elsewhere.push(format!("{}:{}:{}: {}", file.path, p.line, p.column, text));
                }
            }
        }
        let mut help = f.help.clone();
        if let Some(c) = &f.context {
            help = format!("{c}\n{help}");
        }
        for e in elsewhere {
            help.push_str(&format!("\nrelated: {e}"));
        }
        if !f.instances.is_empty() {
            help.push_str(&format!("\ninstances: {}", f.instances.join(", ")));
        }
        let frame = Frame {
            message: f.message.clone(),
            code: format!("{} {} ({})", f.rule_id, f.rule_name, f.severity.as_str()),
            help: Some(help),
            severity: match f.severity {
                Severity::Critical | Severity::High => miette::Severity::Error,
                Severity::Medium => miette::Severity::Warning,
                Severity::Low => miette::Severity::Advice,
            },
            source,
            labels,
        };
        let _ = handler.render_report(&mut s, &frame);
        s.push('\n');
    }
    for d in out.errors {
        let file = out.file(d.file);
        match d.offset {
            Some(o) if !file.text.is_empty() => {
                let (mut source, shown) = Excerpt::new(file, &[(o, o)]);
                source.name = header(out, d.file, o);
                let (a, b) = shown[0].unwrap_or_default();
                let frame = Frame {
                    message: format!("cannot analyse {}: {}", file.path, d.message),
                    code: "error".into(),
                    help: None,
                    severity: miette::Severity::Error,
                    source,
                    labels: vec![LabeledSpan::new_primary_with_span(Some("here".into()), span(a, b))],
                };
                let _ = handler.render_report(&mut s, &frame);
                s.push('\n');
            }
            _ => s.push_str(&format!("error: {}: {}\n\n", file.path, d.message)),
        }
    }
    for d in out.notes {
        let file = out.file(d.file);
        let line = d.offset.map(|o| file.position(o).line).unwrap_or(1);
        s.push_str(&format!("note: {}:{}: {}\n", file.path, line, d.message));
    }
    s.push_str(&summary(out));
    s
}

/// `file:line:column` of an offset, the column in Unicode code points.
fn header(out: &Report, file: crate::source::FileId, offset: u32) -> String {
    let f = out.file(file);
    let p = f.position(offset);
    format!("{}:{}:{}", f.path, p.line, p.column)
}

/// Lines longer than this (in bytes) are cut around the labels in a code frame.
const MAX_LINE: usize = 240;
/// Bytes kept before and after each label boundary on a cut line.
const KEEP_BEFORE: usize = 40;
const KEEP_AFTER: usize = 80;
/// Lines copied around the labelled ones (miette shows one line of context).
const CONTEXT: usize = 2;
/// A secondary label further than this many lines from the primary one is listed as
/// `related:` text instead of widening the frame.
const MAX_SPREAD: usize = 200;

/// The text a code frame shows: the labelled lines of one file with their context, each
/// line longer than [`MAX_LINE`] cut to windows around the labels (`…` marks a cut).
///
/// miette reads a frame's source from its first byte and formats columns with a width
/// argument that panics beyond 65,535, so handing it the whole file made rendering
/// quadratic in the file size and crashed on a label far into a long (minified) line.
/// The excerpt keeps every frame small; it reports the real line numbers and byte
/// columns, so frames look exactly as before for ordinary lines.
struct Excerpt {
    name: String,
    text: String,
    /// 0-based line number of the excerpt's first line.
    first_line: usize,
    /// Excerpt offsets where each line starts.
    line_starts: Vec<usize>,
    /// Copied pieces: (offset in the file, offset in the excerpt, length, byte column in the file).
    pieces: Vec<(usize, usize, usize, usize)>,
}

impl Excerpt {
    /// Builds the excerpt for byte ranges of `file` (the first one primary) and returns
    /// each range in excerpt offsets, or `None` for a range left out of the frame.
    fn new(file: &SourceFile, ranges: &[(u32, u32)]) -> (Excerpt, Vec<Option<(usize, usize)>>) {
        let text = &*file.text;
        let len = text.len();
        let clamp = |(a, b): (u32, u32)| {
            let a = (a as usize).min(len);
            (a, (b as usize).clamp(a, len))
        };
        let line_of = |o: usize| file.lines.line_of(o);
        let (p0, p1) = clamp(ranges[0]);
        let (pl0, pl1) = (line_of(p0), line_of(p1));
        let keep: Vec<bool> = ranges
            .iter()
            .enumerate()
            .map(|(i, &r)| {
                let (a, b) = clamp(r);
                i == 0 || (line_of(a) + MAX_SPREAD >= pl0 && line_of(b) <= pl1 + MAX_SPREAD)
            })
            .collect();
        let kept: Vec<(usize, usize)> = ranges
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(&r, _)| clamp(r))
            .collect();
        let lo = kept
            .iter()
            .map(|r| line_of(r.0))
            .min()
            .unwrap_or(pl0)
            .saturating_sub(CONTEXT);
        let last_line = file.lines.line_count() - 1;
        let hi = (kept.iter().map(|r| line_of(r.1)).max().unwrap_or(pl1) + CONTEXT).min(last_line);
        let mut ex = Excerpt {
            name: file.path.clone(),
            text: String::new(),
            first_line: lo,
            line_starts: Vec::new(),
            pieces: Vec::new(),
        };
        for line in lo..=hi {
            let start = file.lines.line_start(line as u32 + 1).unwrap_or(len);
            let next = file.lines.line_start(line as u32 + 2).unwrap_or(len);
            ex.line_starts.push(ex.text.len());
            let content_end = if text[start..next].ends_with('\n') {
                next - 1
            } else {
                next
            };
            if content_end - start <= MAX_LINE {
                ex.piece(text, start, next, start);
                continue;
            }
            // Windows around every label boundary on this line (or the line's start).
            let mut points: Vec<usize> = kept
                .iter()
                .flat_map(|&(a, b)| [a, b])
                .filter(|&o| (start..=content_end).contains(&o))
                .collect();
            if points.is_empty() {
                points.push(start);
            }
            points.sort_unstable();
            let mut windows: Vec<(usize, usize)> = Vec::new();
            for o in points {
                let a = floor_char(text, o.saturating_sub(KEEP_BEFORE).max(start));
                let b = floor_char(text, (o + KEEP_AFTER).min(content_end));
                match windows.last_mut() {
                    Some(w) if a <= w.1 => w.1 = w.1.max(b),
                    _ => windows.push((a, b)),
                }
            }
            let mut at = start;
            for (a, b) in windows {
                if a > at {
                    ex.text.push('…');
                }
                ex.piece(text, a, b, start);
                at = b;
            }
            if at < content_end {
                ex.text.push('…');
            }
            if content_end < next {
                ex.text.push('\n');
            }
        }
        let shown = ranges
            .iter()
            .zip(&keep)
            .map(|(&r, &k)| {
                let (a, b) = clamp(r);
                k.then(|| (ex.map(a), ex.map(b)))
            })
            .collect();
        (ex, shown)
    }

    fn piece(&mut self, text: &str, a: usize, b: usize, line_start: usize) {
        self.pieces.push((a, self.text.len(), b - a, a - line_start));
        self.text.push_str(&text[a..b]);
    }

    /// A file offset in excerpt coordinates (the nearest copied byte for a cut one).
    fn map(&self, o: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= o).saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(orig, at, len, _)) if o >= orig => at + (o - orig).min(len),
            Some(&(_, at, _, _)) => at,
            None => 0,
        }
    }
}

/// The largest char boundary at or before `o`.
fn floor_char(text: &str, mut o: usize) -> usize {
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_bytes().read_span(span, before, after)?;
        let data_start = inner.span().offset();
        let line = self.line_starts.partition_point(|&s| s <= data_start).saturating_sub(1);
        // The header shows the byte column of the span's start in the file.
        let at = span.offset();
        let i = self.pieces.partition_point(|p| p.1 <= at).saturating_sub(1);
        let column = match self.pieces.get(i) {
            Some(&(_, ex, _, col)) if before == 0 && at >= ex => col + (at - ex),
            _ => inner.column(),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            self.first_line + line,
            column,
            self.first_line + inner.line_count(),
        )))
    }
}

fn label_for(f: &crate::finding::Finding) -> String {
    match &f.resource {
        Some(r) => format!("{} {}", f.rule_id, r),
        None => f.rule_id.to_string(),
    }
}

pub fn summary(out: &impl AsReport) -> String {
    out.with_report(summary_report)
}

fn summary_report(out: &Report) -> String {
    let n = out.findings.len();
    let mut parts = Vec::new();
    for s in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low] {
        let c = out.findings.iter().filter(|f| f.severity == s).count();
        if c > 0 {
            parts.push(format!("{c} {}", s.as_str()));
        }
    }
    let mut line = format!(
        "{n} finding{}{} in {} file{} ({} resources)",
        if n == 1 { "" } else { "s" },
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        },
        out.iac_files,
        if out.iac_files == 1 { "" } else { "s" },
        out.resources
    );
    for (count, what) in [
        (out.suppressed.len(), "suppressed"),
        (out.baselined, "in the baseline"),
        (out.fixed, "fixed since the baseline"),
    ] {
        if count > 0 {
            line.push_str(&format!("; {count} {what}"));
        }
    }
    if !out.errors.is_empty() {
        line.push_str(&format!(
            "; {} file{} could not be analysed",
            out.errors.len(),
            if out.errors.len() == 1 { "" } else { "s" }
        ));
    }
    line.push('\n');
    if out.unknown > 0 {
        line.push_str(&format!(
            "{} check{} depend{} on values that cannot be known statically (run with --strict to see them)\n",
            out.unknown,
            if out.unknown == 1 { "" } else { "s" },
            if out.unknown == 1 { "s" } else { "" }
        ));
    }
    line
}
