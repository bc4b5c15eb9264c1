//! Mechanical fixes (`blindspot fix`, JSON/SARIF fixes, language-server code actions).
//!
//! [`attach`] is the one entry point: after a scan, it sets [`crate::finding::Finding::fix`]
//! on every finding it can fix safely. A fix is a set of text edits against the files as
//! they were read:
//!
//! - when the deciding value is written as a literal at the resource, the literal is
//!   replaced;
//! - when it came through a variable or parameter (the finding's provenance), the edit goes
//!   to the provenance head (a tfvars line, a variable default, a module argument, a
//!   parameter default) when every hop of that path is used only once; otherwise the
//!   resource's attribute is set to the literal and [`Fix::note`] says why;
//! - when the attribute is missing, it is inserted in the resource block (Terraform, located
//!   through hcl-edit) or the `Properties` map (CloudFormation YAML/JSON, located through
//!   the span-carrying document tree), in the file's own style.
//!
//! Unknown values are never fixed: a finding reported only because of `--strict` gets no fix.
//!
//! The remedies live in [`remedy`], one arm per rule: the extension point for new rules
//! whose remedy is a flag (the service-logging rules of issue 12 add their arms there).

mod cfn;
pub mod command;
mod hcl;

use std::collections::HashMap;
use std::rc::Rc;

use crate::finding::{Edit, Finding, Fix};
use crate::scan::ScanOutput;
use crate::source::{FileId, Span};

/// Sets `fix` on each finding of `out` that has a safe mechanical fix.
pub fn attach(out: &mut ScanOutput) {
    let days = if out.min_retention_days > 0.0 {
        out.min_retention_days
    } else {
        365.0
    };
    if !out.findings.iter().any(|f| FIXABLE.contains(&f.rule_id)) {
        return;
    }
    let mut by_address: HashMap<&str, Vec<&crate::model::Resource>> = HashMap::new();
    for r in &out.model.resources {
        by_address.entry(r.address.as_str()).or_default().push(r);
    }
    let mut cache = Cache::default();
    let fixes: Vec<Option<Fix>> = out
        .findings
        .iter()
        .map(|f| plan(out, &by_address, &mut cache, f, days))
        .collect();
    for (f, fix) in out.findings.iter_mut().zip(fixes) {
        f.fix = fix;
    }
}

/// Parsed files, so that several findings in one file parse it once.
#[derive(Default)]
pub(crate) struct Cache {
    hcl: HashMap<FileId, Option<Rc<hcl_edit::structure::Body>>>,
    doc: HashMap<FileId, Option<Rc<crate::doc::Node>>>,
}

impl Cache {
    pub(crate) fn hcl(&mut self, out: &ScanOutput, file: FileId) -> Option<Rc<hcl_edit::structure::Body>> {
        self.hcl
            .entry(file)
            .or_insert_with(|| {
                let text = &out.file(file).text;
                let unmarked;
                let text = match text.strip_prefix('\u{feff}') {
                    Some(rest) => {
                        unmarked = format!("   {rest}");
                        unmarked.as_str()
                    }
                    None => text,
                };
                hcl_edit::parser::parse_body(text).ok().map(Rc::new)
            })
            .clone()
    }
    pub(crate) fn doc(&mut self, out: &ScanOutput, file: FileId) -> Option<Rc<crate::doc::Node>> {
        self.doc
            .entry(file)
            .or_insert_with(|| {
                let text = &out.file(file).text;
                if out.file(file).kind().is_json() {
                    crate::doc::json::parse(text).ok().map(Rc::new)
                } else {
                    crate::doc::yaml::parse(text).ok().map(Rc::new)
                }
            })
            .clone()
    }
}

/// Is the file written in JSON ([`crate::source::classify`])?
pub(crate) fn is_json(file: &crate::source::SourceFile) -> bool {
    file.kind().is_json()
}

/// A literal value a fix writes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Lit {
    Bool(bool),
    Num(u32),
    Str(&'static str),
}

impl Lit {
    pub(crate) fn hcl(&self) -> String {
        match self {
            Lit::Bool(b) => b.to_string(),
            Lit::Num(n) => n.to_string(),
            Lit::Str(s) => format!("\"{s}\""),
        }
    }
    pub(crate) fn json(&self) -> String {
        self.hcl()
    }
    pub(crate) fn yaml(&self) -> String {
        match self {
            Lit::Bool(b) => b.to_string(),
            Lit::Num(n) => n.to_string(),
            Lit::Str(s) => s.to_string(),
        }
    }
    pub(crate) fn bare(&self) -> String {
        self.yaml()
    }
    /// The literal written the way `original` (the text it replaces) was written: quoted
    /// the same way when it was a quoted string, bare otherwise (`json`: strings are
    /// always quoted).
    pub(crate) fn like(&self, original: &str, json: bool) -> String {
        let o = original.trim();
        if o.starts_with('"') {
            format!("\"{}\"", self.bare())
        } else if o.starts_with('\'') {
            format!("'{}'", self.bare())
        } else if json {
            self.json()
        } else {
            self.bare()
        }
    }
}

/// What to insert when an attribute is missing.
#[derive(Clone, Debug)]
pub(crate) enum Ins {
    /// `key = value` / `Key: value`.
    Attr(&'static str, Lit),
    /// A nested block (Terraform) or map (CloudFormation), reused when it exists.
    Block(&'static str, Vec<Ins>),
    /// CloudFormation: a list holding one map.
    List(&'static str, Vec<Ins>),
}

impl Ins {
    pub(crate) fn key(&self) -> &'static str {
        match self {
            Ins::Attr(k, _) | Ins::Block(k, _) | Ins::List(k, _) => k,
        }
    }
}

/// How one rule is fixed.
pub(crate) struct Remedy {
    /// Deciding attribute key (Terraform or CloudFormation spelling) and the safe value.
    pub values: Vec<(&'static str, Lit)>,
    /// Inserted in the Terraform resource block when the attribute is missing.
    pub tf_insert: Vec<Ins>,
    /// Inserted in the CloudFormation `Properties` map when the property is missing.
    pub cfn_insert: Vec<Ins>,
}

/// CloudWatch Logs accepts only these retention periods (days).
const RETENTIONS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/// The smallest retention CloudWatch accepts that is at least `min` days.
pub(crate) fn retention_at_least(min: f64) -> Option<u32> {
    RETENTIONS.iter().copied().find(|&d| f64::from(d) >= min)
}

/// The remedy of each fixable rule. Extension point: a rule whose remedy is setting a flag
/// adds one arm here (Terraform key, CloudFormation key, value, and what to insert).
pub(crate) fn remedy(rule: &str, min_days: f64) -> Option<Remedy> {
    use Ins::*;
    use Lit::*;
    let flag = |tf: &'static str, cfn: &'static str, v: Lit| Remedy {
        values: vec![(tf, v.clone()), (cfn, v.clone())],
        tf_insert: vec![Attr(tf, v.clone())],
        cfn_insert: vec![Attr(cfn, v)],
    };
    Some(match rule {
        "CT-01" => flag("is_multi_region_trail", "IsMultiRegionTrail", Bool(true)),
        "CT-02" => flag("enable_log_file_validation", "EnableLogFileValidation", Bool(true)),
        "CT-05" => flag("enable_logging", "IsLogging", Bool(true)),
        "CT-06" => flag(
            "include_global_service_events",
            "IncludeGlobalServiceEvents",
            Bool(true),
        ),
        "CT-09" => Remedy {
            values: Vec::new(),
            tf_insert: vec![Block(
                "insight_selector",
                vec![Attr("insight_type", Str("ApiCallRateInsight"))],
            )],
            cfn_insert: vec![List(
                "InsightSelectors",
                vec![Attr("InsightType", Str("ApiCallRateInsight"))],
            )],
        },
        "CW-01" | "CW-03" => {
            let days = retention_at_least(min_days)?;
            flag("retention_in_days", "RetentionInDays", Num(days))
        }
        "KMS-01" => flag("enable_key_rotation", "EnableKeyRotation", Bool(true)),
        // GuardDuty detector switched off (`enable` defaults to true in Terraform;
        // `Enable` is required in CloudFormation).
        "DET-01" => flag("enable", "Enable", Bool(true)),
        // Amazon MQ only, one log type at a time: see [`broker_remedy`].
        "BRK-01" => Remedy {
            values: vec![
                ("general", Bool(true)),
                ("General", Bool(true)),
                ("audit", Bool(true)),
                ("Audit", Bool(true)),
            ],
            tf_insert: Vec::new(),
            cfn_insert: Vec::new(),
        },
        "S3-05" => Remedy {
            values: vec![
                ("status", Str("Enabled")),
                ("Status", Str("Enabled")),
                ("enabled", Bool(true)),
            ],
            // Provider v3 style; a bucket without inline configuration gets a new
            // `aws_s3_bucket_versioning` resource instead (see `hcl::plan_missing`).
            tf_insert: vec![Block("versioning", vec![Attr("enabled", Bool(true))])],
            cfn_insert: vec![Block("VersioningConfiguration", vec![Attr("Status", Str("Enabled"))])],
        },
        "VPC-02" => Remedy {
            values: vec![("traffic_type", Str("ALL")), ("TrafficType", Str("ALL"))],
            tf_insert: Vec::new(),
            cfn_insert: Vec::new(),
        },
        "EB-02" => Remedy {
            values: vec![
                ("state", Str("ENABLED")),
                ("State", Str("ENABLED")),
                ("is_enabled", Bool(true)),
            ],
            tf_insert: Vec::new(),
            cfn_insert: Vec::new(),
        },
        "CFG-02" => Remedy {
            values: vec![
                ("include_global_resource_types", Bool(true)),
                ("IncludeGlobalResourceTypes", Bool(true)),
            ],
            tf_insert: vec![Block(
                "recording_group",
                vec![
                    Attr("all_supported", Bool(true)),
                    Attr("include_global_resource_types", Bool(true)),
                ],
            )],
            cfn_insert: vec![Block(
                "RecordingGroup",
                vec![
                    Attr("AllSupported", Bool(true)),
                    Attr("IncludeGlobalResourceTypes", Bool(true)),
                ],
            )],
        },
        _ => return None,
    })
}

/// The rules [`attach`] can fix.
pub const FIXABLE: &[&str] = &[
    "CFG-02", "CT-01", "CT-02", "CT-05", "CT-06", "CT-09", "CW-01", "CW-03", "DET-01", "EB-02", "KMS-01", "S3-05",
    "VPC-02", "BRK-01",
];

/// BRK-01's remedy for one resource: fixable for Amazon MQ brokers (`logs { general,
/// audit }` / `Logs: {General, Audit}`) when one log type is missing; not for MSK (its
/// broker logs need a destination) nor when both are (one finding has one deciding value:
/// fixing one would leave the other).
fn broker_remedy(f: &Finding, res: &crate::model::Resource) -> Option<Remedy> {
    use Ins::*;
    use Lit::*;
    if !matches!(res.resource_type.as_str(), "aws_mq_broker" | "AWS::AmazonMQ::Broker") {
        return None;
    }
    let (tf, cfn) = if f.message.contains("does not deliver general logs") {
        ("general", "General")
    } else if f.message.contains("does not deliver audit logs") {
        ("audit", "Audit")
    } else {
        return None;
    };
    Some(Remedy {
        values: vec![(tf, Bool(true)), (cfn, Bool(true))],
        tf_insert: vec![Block("logs", vec![Attr(tf, Bool(true))])],
        cfn_insert: vec![Block("Logs", vec![Attr(cfn, Bool(true))])],
    })
}

/// Rules that evaluate only multi-region trails (CT-08 and the CIS alarm rules MON-01..15):
/// once a CT-01 fix makes a trail multi-region, they check it too, so their findings on that
/// trail are revealed by the fix, not introduced by it. Verification accepts those and lists
/// them; any other finding that was not reported before fails it.
pub const GATED_ON_MULTI_REGION: &[&str] = &[
    "CT-08", "MON-01", "MON-02", "MON-03", "MON-04", "MON-05", "MON-06", "MON-07", "MON-08", "MON-09", "MON-10",
    "MON-11", "MON-12", "MON-13", "MON-14", "MON-15",
];

/// Whether a finding of `new_rule` on a resource can appear because a finding of
/// `fixed_rule` on the same resource was fixed (see [`GATED_ON_MULTI_REGION`]).
pub fn revealed_by(fixed_rule: &str, new_rule: &str) -> bool {
    fixed_rule == "CT-01" && GATED_ON_MULTI_REGION.contains(&new_rule)
}

/// A planned fix before it becomes a [`Fix`].
pub(crate) struct Planned {
    pub description: String,
    pub note: Option<String>,
    pub edits: Vec<Edit>,
}

fn plan(
    out: &ScanOutput,
    by_address: &HashMap<&str, Vec<&crate::model::Resource>>,
    cache: &mut Cache,
    f: &Finding,
    min_days: f64,
) -> Option<Fix> {
    // A finding that depends on an unknown value (--strict) is never fixed.
    if f.message.contains("(unresolved:") {
        return None;
    }
    let mut r = remedy(f.rule_id, min_days)?;
    let res = find_resource(by_address, f)?;
    if f.rule_id == "BRK-01" {
        r = broker_remedy(f, res)?;
    }
    let planned = match res.iac {
        crate::model::Iac::Terraform => hcl::plan(out, cache, f, res, &r)?,
        crate::model::Iac::CloudFormation => cfn::plan(out, cache, f, res, &r)?,
        crate::model::Iac::TerraformPlan => return None,
    };
    let mut edits = planned.edits;
    // Downloaded modules (`.terraform/modules/...`) are rewritten by `terraform init`:
    // never edited.
    let downloaded = |e: &Edit| {
        std::path::Path::new(&out.file(e.span.file).path)
            .components()
            .any(|c| c.as_os_str() == ".terraform")
    };
    if edits.is_empty() || edits.iter().any(downloaded) {
        return None;
    }
    edits.sort_by_key(|e| (out.file(e.span.file).path.clone(), e.span.start, e.span.end));
    edits.dedup();
    // Non-overlapping (insertions at one offset are kept in order).
    for w in edits.windows(2) {
        if w[0].span.file == w[1].span.file && w[0].span.end > w[1].span.start {
            return None;
        }
    }
    Some(Fix {
        description: planned.description,
        note: planned.note,
        edits,
    })
}

/// The model resource a finding is about: same address and type, located in the file
/// the finding points at (its header, or the nearest header before the finding).
fn find_resource<'a>(
    by_address: &HashMap<&str, Vec<&'a crate::model::Resource>>,
    f: &Finding,
) -> Option<&'a crate::model::Resource> {
    let candidates: Vec<&crate::model::Resource> = by_address
        .get(f.resource.as_deref()?)?
        .iter()
        .copied()
        .filter(|r| Some(r.resource_type.as_str()) == f.resource_type.as_deref())
        .collect();
    candidates
        .iter()
        .copied()
        .find(|r| r.header == f.span)
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .filter(|r| r.header.file == f.span.file)
                .min_by_key(|r| (r.header.start > f.span.start, f.span.start.abs_diff(r.header.start)))
        })
        .or_else(|| candidates.first().copied())
}

/// Applies non-overlapping edits of one file to its text.
pub fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0usize;
    for e in sorted {
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        if s < at || t < s || t > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(t) {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push_str(&e.replacement);
        at = t;
    }
    out.push_str(&text[at..]);
    out
}

// ---- text helpers shared by the planners ----

pub(crate) fn edit(file: FileId, start: usize, end: usize, replacement: impl Into<String>) -> Edit {
    Edit {
        span: Span::new(file, start, end),
        replacement: replacement.into(),
    }
}

/// Offset of the start of the line holding `offset`.
pub(crate) fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].rfind('\n').map(|i| i + 1).unwrap_or(0)
}

/// Offset just after the end of the line holding `offset` (after its `\n`), or the end of
/// the text.
pub(crate) fn after_line(text: &str, offset: usize) -> usize {
    match text[offset.min(text.len())..].find('\n') {
        Some(i) => offset + i + 1,
        None => text.len(),
    }
}

/// The leading whitespace of the line holding `offset`.
pub(crate) fn indent_of(text: &str, offset: usize) -> String {
    let s = line_start(text, offset);
    text[s..].chars().take_while(|c| *c == ' ' || *c == '\t').collect()
}

/// The line terminator the file uses.
pub(crate) fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// Occurrences of `word` in `text` not preceded or followed by an identifier character.
pub(crate) fn count_word(text: &str, word: &str) -> usize {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    text.match_indices(word)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(ident) && !after.is_some_and(ident)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_rounds_up_to_an_accepted_period() {
        assert_eq!(retention_at_least(365.0), Some(365));
        assert_eq!(retention_at_least(366.0), Some(400));
        assert_eq!(retention_at_least(0.5), Some(1));
        assert_eq!(retention_at_least(4000.0), None);
    }

    #[test]
    fn literal_keeps_the_quoting_it_replaces() {
        assert_eq!(Lit::Bool(true).like("\"false\"", false), "\"true\"");
        assert_eq!(Lit::Bool(true).like("'false'", false), "'true'");
        assert_eq!(Lit::Bool(true).like("false", false), "true");
        assert_eq!(Lit::Str("ALL").like("REJECT", true), "\"ALL\"");
    }

    #[test]
    fn words_are_counted_whole() {
        assert_eq!(count_word("var.multi var.multi_region var.multi", "var.multi"), 2);
    }

    #[test]
    fn every_fixable_rule_has_a_remedy() {
        for id in FIXABLE {
            assert!(remedy(id, 365.0).is_some(), "{id}");
            assert!(crate::rules::find(id).is_some(), "{id}");
        }
    }
}
