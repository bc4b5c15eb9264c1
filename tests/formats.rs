//! Machine formats: SARIF validates against the OASIS SARIF 2.1.0 schema, the JSON report
//! against `docs/report.schema.json`; JUnit and GitHub output are snapshot-tested.

use blindspot::report;
use blindspot::scan::{Options, ScanOutput, scan};

fn scan_paths(paths: &[&str]) -> ScanOutput {
    scan(&Options {
        paths: paths.iter().map(Into::into).collect(),
        today: Some("2026-06-01".into()),
        ..Default::default()
    })
    .unwrap()
}

fn demo() -> ScanOutput {
    scan_paths(&["testdata/demo"])
}

/// A scan with findings, suppressed findings, related locations and suppression findings.
fn rich() -> ScanOutput {
    scan_paths(&[
        "testdata/demo",
        "testdata/suppressions/tf-checkov",
        "testdata/suppressions/cfn-yaml-ours",
        "testdata/rules/SUP-01/tf-fail",
        "testdata/rules/SUP-02/cfn-yaml-fail",
        "testdata/rules/CT-01/tf-fail-var-default",
    ])
}

fn validate(schema_path: &str, instance: &serde_json::Value) {
    let errors = schema_errors(schema_path, instance);
    assert!(errors.is_empty(), "{schema_path}:\n{}", errors.join("\n"));
}

fn schema_errors(schema_path: &str, instance: &serde_json::Value) -> Vec<String> {
    let text = std::fs::read_to_string(schema_path).unwrap();
    // The OASIS schema's `language` pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` has a
    // stray `]`: ECMA-262 (Annex B) reads it as a literal, jsonschema's meta-schema check
    // rejects the pattern. Escaping it keeps the meaning; the file itself stays untouched.
    let text = text.replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}\\\\]?$");
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .build(&schema)
        .unwrap_or_else(|e| panic!("{schema_path}: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    errors
}

#[test]
fn the_schemas_reject_broken_reports() {
    let mut v: serde_json::Value = serde_json::from_str(&report::sarif::render(&demo())).unwrap();
    v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert!(!schema_errors("testdata/schemas/sarif-schema-2.1.0.json", &v).is_empty());
    let mut v: serde_json::Value = serde_json::from_str(&report::json::render(&demo())).unwrap();
    v["findings"][0]["severity"] = "urgent".into();
    assert!(!schema_errors("docs/report.schema.json", &v).is_empty());
}

#[test]
fn sarif_validates_against_the_oasis_schema() {
    for out in [demo(), rich(), scan_paths(&["testdata/no-such-dir"])] {
        let v: serde_json::Value = serde_json::from_str(&report::sarif::render(&out)).unwrap();
        validate("testdata/schemas/sarif-schema-2.1.0.json", &v);
    }
}

#[test]
fn sarif_has_what_github_code_scanning_needs() {
    let out = rich();
    let v: serde_json::Value = serde_json::from_str(&report::sarif::render(&out)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap()
            .ends_with('/')
    );
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    // Retired rules (S3-01) never run and are not listed.
    assert_eq!(rules.len(), blindspot::rules::active().count());
    assert!(rules.iter().all(|r| r["id"] != "S3-01"));
    let ct01 = rules.iter().find(|r| r["id"] == "CT-01").unwrap();
    assert_eq!(ct01["name"], "cloudtrail-multi-region");
    assert_eq!(ct01["properties"]["security-severity"], "8.0");
    assert!(ct01["helpUri"].as_str().unwrap().ends_with("docs/rules/CT-01.md"));
    assert!(ct01["help"]["markdown"].as_str().unwrap().starts_with("# CT-01"));
    let tags: Vec<&str> = ct01["properties"]["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    // services.md §5.2: the versioned CIS controls, rendered as everywhere else.
    assert!(
        tags.contains(&"CIS AWS Foundations v1.4.0–v4.0.1 3.1 (Automated)")
            && tags.contains(&"CIS AWS Foundations v6.0.0–v7.0.0 4.1 (Manual)"),
        "{tags:?}"
    );
    let results = run["results"].as_array().unwrap();
    // GitHub opens alerts for results with `suppressions`: none by default.
    assert_eq!(results.len(), out.findings.len());
    assert!(results.iter().all(|r| r.get("suppressions").is_none()));
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(std::path::Path::new(uri).is_file(), "{uri} does not exist");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        let print = r["partialFingerprints"]["blindspotFingerprint/v1"].as_str().unwrap();
        let hash = r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap();
        let (head, occurrence) = hash.split_once(':').unwrap();
        assert!(print.starts_with(head) && head.len() == 16, "{hash} {print}");
        assert!(occurrence.parse::<usize>().unwrap() >= 1);
    }
    // GitHub keys alerts on primaryLocationLineHash alone: no two results share one.
    let mut hashes: Vec<&str> = results
        .iter()
        .map(|r| r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap())
        .collect();
    hashes.sort();
    let n = hashes.len();
    hashes.dedup();
    assert_eq!(hashes.len(), n);
    for r in rules {
        let full = r["fullDescription"]["text"].as_str().unwrap();
        assert!(
            full.chars().count() <= 1024,
            "{}: {} characters",
            r["id"],
            full.chars().count()
        );
        let words: Vec<&str> = full.trim_end_matches('…').split_whitespace().collect();
        let markdown = r["help"]["markdown"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(markdown.contains(&words[..words.len() - 1].join(" ")), "{}", r["id"]);
        assert!(
            r["helpUri"]
                .as_str()
                .unwrap()
                .starts_with(blindspot::report::REPOSITORY)
        );
    }
    let mon15 = rules.iter().find(|r| r["id"] == "MON-15").unwrap();
    assert!(mon15["fullDescription"]["text"].as_str().unwrap().ends_with('…'));
    assert_eq!(run["tool"]["driver"]["informationUri"], blindspot::report::REPOSITORY);
    let with_related = results
        .iter()
        .find(|r| r.get("relatedLocations").is_some())
        .expect("a result with related locations");
    let text = with_related["message"]["text"].as_str().unwrap();
    for l in with_related["relatedLocations"].as_array().unwrap() {
        let uri = l["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(std::path::Path::new(uri).is_file(), "{uri}");
        // The message links each related location, as GitHub renders it: `[text](id)`.
        let link = format!("[{}]({})", l["message"]["text"].as_str().unwrap(), l["id"]);
        assert!(text.contains(&link), "{text} lacks {link}");
    }
    let with = report::sarif::render_with(
        &out,
        &report::Options {
            include_suppressed: true,
            ..Default::default()
        },
    );
    let v: serde_json::Value = serde_json::from_str(&with).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<_> = results.iter().filter(|r| r.get("suppressions").is_some()).collect();
    assert_eq!(suppressed.len(), out.suppressed.len());
    assert!(!suppressed.is_empty());
    validate("testdata/schemas/sarif-schema-2.1.0.json", &v);
}

#[test]
fn sarif_notes_are_tool_notifications_and_limits_are_announced() {
    let out = scan_paths(&["testdata/rules/CT-01/tf-fail-var-default", "testdata/no-such-dir"]);
    let mut out_with_note = out;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n",
    )
    .unwrap();
    let noted = scan_paths(&[dir.path().to_str().unwrap()]);
    assert!(!noted.notes.is_empty(), "a module that is not downloaded is a note");
    let v: serde_json::Value = serde_json::from_str(&report::sarif::render(&noted)).unwrap();
    let n = &v["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    let notes: Vec<&serde_json::Value> = n.as_array().unwrap().iter().filter(|n| n["level"] == "note").collect();
    assert_eq!(notes.len(), noted.notes.len(), "{n:#}");
    assert!(notes[0]["message"]["text"].as_str().unwrap().contains("not downloaded"));
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], true);
    // Parse errors stay errors.
    out_with_note.notes.clear();
    let v: serde_json::Value = serde_json::from_str(&report::sarif::render(&out_with_note)).unwrap();
    let n = &v["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(n[0]["level"], "error");
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], false);
    assert!(report::sarif::limit_notifications(5_000).is_empty());
    let over = report::sarif::limit_notifications(5_001);
    assert_eq!(over.len(), 1);
    assert!(over[0]["message"]["text"].as_str().unwrap().contains("at most 5000"));
    assert_eq!(report::sarif::limit_notifications(25_001).len(), 2);
    assert_eq!(report::sarif::cap("aaa bbb ccc", 8), "aaa bbb…");
    assert_eq!(report::sarif::cap("aaa", 8), "aaa");
}

#[test]
fn one_canonical_repository_url() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(!readme.contains("OWNER"), "README still has a placeholder URL");
    assert!(readme.contains(report::REPOSITORY));
    for m in regex_like_urls(&readme) {
        assert!(m.starts_with(report::REPOSITORY), "{m}");
    }
    let schema = std::fs::read_to_string("docs/report.schema.json").unwrap();
    assert!(schema.contains(&format!("\"{}/blob/main/docs/report.schema.json\"", report::REPOSITORY)));
}

/// The `github.com/<owner>/blindspot` URLs of a text.
fn regex_like_urls(text: &str) -> Vec<String> {
    text.match_indices("https://github.com/")
        .map(|(i, _)| {
            text[i..]
                .split(|c: char| c.is_whitespace() || c == ')' || c == '`')
                .next()
                .unwrap()
                .to_string()
        })
        .filter(|u| u.contains("/blindspot"))
        .collect()
}

#[test]
fn json_report_validates_against_its_schema() {
    for out in [demo(), rich(), scan_paths(&["testdata/no-such-dir"])] {
        let v: serde_json::Value = serde_json::from_str(&report::json::render(&out)).unwrap();
        validate("docs/report.schema.json", &v);
    }
    let v: serde_json::Value = serde_json::from_str(&report::json::render(&rich())).unwrap();
    assert!(!v["suppressed"].as_array().unwrap().is_empty());
}

#[test]
fn demo_junit_report() {
    insta::assert_snapshot!(report::junit::render(&demo()));
}

#[test]
fn demo_github_report() {
    insta::assert_snapshot!(report::github::render(&demo()));
}

#[test]
fn junit_is_well_formed_for_errors_and_empty_scans() {
    let empty = report::junit::render(&scan_paths(&["testdata/schemas"]));
    assert!(empty.contains("<testcase name=\"no findings\""), "{empty}");
    let missing = report::junit::render(&scan_paths(&["testdata/no-such-dir"]));
    assert!(missing.contains("<error message="), "{missing}");
    assert_eq!(report::junit::escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
}

#[test]
fn github_commands_escape_data_and_properties() {
    use report::github::{escape_data, escape_property};
    assert_eq!(escape_data("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
    assert_eq!(escape_property("dir,x/a:b.tf%\n"), "dir%2Cx/a%3Ab.tf%25%0A");
    let text = report::github::render(&demo());
    let (findings, last) = text.trim_end().rsplit_once('\n').unwrap();
    for line in findings.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file=")
                || line.starts_with("::notice title=blindspot::"),
            "{line}"
        );
    }
    assert!(
        last.starts_with("::notice title=blindspot summary::54 findings"),
        "{last}"
    );
}

#[test]
fn below_fail_on_is_never_a_failure() {
    let out = demo();
    let soft = report::Options {
        fail_on: None,
        ..Default::default()
    };
    let gh = report::github::render_with(&out, &soft);
    assert!(!gh.contains("::error "), "{gh}");
    assert!(gh.contains("::warning "));
    // 21 warnings (high and medium; none is an error below --fail-on): GitHub shows 10 per
    // step, and the log says so.
    assert!(
        gh.contains("21 warning annotations were written; GitHub shows only 10 of each per step"),
        "{gh}"
    );
    let high = report::Options {
        fail_on: Some(blindspot::policy::Severity::High),
        ..Default::default()
    };
    let gh = report::github::render_with(&out, &high);
    let highs = out
        .findings
        .iter()
        .filter(|f| f.is_at_least(blindspot::policy::Severity::High))
        .count();
    assert_eq!(gh.matches("::error ").count(), highs, "the high findings");
    // 4 errors are all shown; of the 17 warnings GitHub shows 10, and the log says so.
    assert!(
        gh.contains("4 error and 17 warning annotations were written; GitHub shows only 10 of each per step"),
        "{gh}"
    );
    let junit = report::junit::render_with(&out, &soft);
    assert!(!junit.contains("<failure"), "{junit}");
    assert!(junit.contains("failures=\"0\""));
    assert!(junit.contains("below --fail-on"));
    let junit = report::junit::render_with(&out, &high);
    let cases = |min| {
        let mut c: Vec<_> = out
            .findings
            .iter()
            .filter(|f| f.is_at_least(min))
            .map(|f| (out.file(f.span.file).path.clone(), f.rule_id, f.resource.clone()))
            .collect();
        c.sort();
        c.dedup();
        c.len()
    };
    assert_eq!(
        junit.matches("<failure").count(),
        cases(blindspot::policy::Severity::High)
    );
}

#[test]
fn compact_is_one_line_per_finding() {
    let out = demo();
    let text = report::compact::render(&out);
    let lines: Vec<&str> = text.lines().collect();
    // The findings, the summary, and the line on the undecided check.
    assert_eq!(lines.len(), out.findings.len() + 2);
    let first = &out.findings[0];
    let (s, _) = report::range(&out, first.span);
    assert_eq!(
        lines[0],
        format!(
            "{}:{}:{}: {} {} {}",
            out.file(first.span.file).path,
            s.line,
            s.column,
            first.severity.as_str(),
            first.rule_id,
            first.message
        )
    );
    // The form quickfix lists and problem matchers read: file:line:col: severity ID message.
    for l in &lines[..lines.len() - 2] {
        let mut parts = l.splitn(4, ':');
        let (file, line, col) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        assert!(std::path::Path::new(file).is_file(), "{l}");
        assert!(line.parse::<u32>().is_ok() && col.parse::<u32>().is_ok(), "{l}");
        let rest: Vec<&str> = parts.next().unwrap().trim_start().splitn(3, ' ').collect();
        assert!(["critical", "high", "medium", "low"].contains(&rest[0]), "{l}");
        assert!(blindspot::rules::find(rest[1]).is_some(), "{l}");
    }
    assert_eq!(
        lines[lines.len() - 2],
        "54 findings (4 high, 17 medium, 33 low) in 6 files (51 resources)"
    );
}

#[test]
fn notes_reach_junit_and_github() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n",
    )
    .unwrap();
    let out = scan_paths(&[dir.path().to_str().unwrap()]);
    let gh = report::github::render(&out);
    assert!(
        gh.contains("::notice file=") && gh.contains("title=blindspot note::"),
        "{gh}"
    );
    let junit = report::junit::render(&out);
    assert!(
        junit.contains("<system-out>note: ") && junit.contains("not downloaded"),
        "{junit}"
    );
    let compact = report::compact::render(&out);
    assert!(compact.contains(": note module"), "{compact}");
}

#[test]
fn fingerprints_survive_line_moves() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("testdata/rules/CT-01/tf-fail/main.tf").unwrap();
    let path = dir.path().join("main.tf");
    std::fs::write(&path, &text).unwrap();
    let prints = |o: &ScanOutput| -> Vec<String> { o.findings.iter().map(|f| report::fingerprint(o, f)).collect() };
    let opts = Options {
        paths: vec![path.clone()],
        only: vec!["CT-01".into()],
        ..Default::default()
    };
    let before = prints(&scan(&opts).unwrap());
    std::fs::write(&path, format!("\n\n# moved down\n{text}")).unwrap();
    let after_out = scan(&opts).unwrap();
    assert_ne!(after_out.findings[0].span.start, 0);
    assert_eq!(before, prints(&after_out));
}

/// What GitLab's SAST report schema (security-report-schemas v15.0.7,
/// `dist/sast-report-format.json`) requires: checked field by field and against the
/// schema's constraints restated in testdata/schemas (see its README).
#[test]
fn gitlab_sast_report_has_what_the_schema_requires() {
    let out = rich();
    let v: serde_json::Value = serde_json::from_str(&report::gitlab::render_sast(&out, &Default::default())).unwrap();
    assert_eq!(v["version"], report::gitlab::SAST_SCHEMA_VERSION);
    let scan = &v["scan"];
    assert_eq!(scan["type"], "sast");
    assert_eq!(scan["status"], "success");
    let time = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$").unwrap();
    for k in ["start_time", "end_time"] {
        assert!(time.is_match(scan[k].as_str().unwrap()), "{k}");
    }
    for k in ["analyzer", "scanner"] {
        for f in ["id", "name", "version"] {
            assert!(scan[k][f].is_string(), "{k}.{f}");
        }
        assert!(scan[k]["vendor"]["name"].is_string());
    }
    let vulns = v["vulnerabilities"].as_array().unwrap();
    assert_eq!(vulns.len(), out.findings.len());
    let mut ids = std::collections::BTreeSet::new();
    for x in vulns {
        assert!(ids.insert(x["id"].as_str().unwrap().to_string()), "ids are unique");
        assert!(["Critical", "High", "Medium", "Low"].contains(&x["severity"].as_str().unwrap()));
        assert!(x["name"].as_str().unwrap().chars().count() <= 255);
        let ident = &x["identifiers"][0];
        for f in ["type", "name", "value"] {
            assert!(ident[f].is_string());
        }
        let loc = &x["location"];
        assert!(std::path::Path::new(loc["file"].as_str().unwrap()).is_file());
        assert!(loc["start_line"].as_u64().unwrap() >= 1);
        assert!(loc["end_line"].as_u64().unwrap() >= loc["start_line"].as_u64().unwrap());
        assert!(
            x.get("cve").is_none() && x.get("category").is_none(),
            "removed in schema 15"
        );
        // GitLab's parser reads tracking.items[].signatures[].{algorithm, value}; `hash` is
        // one of its algorithms. The value is blindspot's line-independent fingerprint.
        let sig = &x["tracking"]["items"][0]["signatures"][0];
        assert_eq!(sig["algorithm"], "hash");
        assert!(sig["value"].as_str().unwrap().len() > 32);
    }
    let schema = "testdata/schemas/gitlab-sast-15.0.7-subset.json";
    assert_eq!(schema_errors(schema, &v), Vec::<String>::new());
    // With a parse error the scan status is failure and the error is a scan message
    // (`warn`: the schema's levels are info, warn and fatal; the other files were scanned).
    let failed = scan_paths(&["testdata/no-such-dir"]);
    let v: serde_json::Value =
        serde_json::from_str(&report::gitlab::render_sast(&failed, &Default::default())).unwrap();
    assert_eq!(v["scan"]["status"], "failure");
    assert_eq!(v["scan"]["messages"][0]["level"], "warn");
    assert_eq!(schema_errors(schema, &v), Vec::<String>::new());
    // The schema catches what GitLab would reject.
    let mut broken = v.clone();
    broken["scan"]["messages"][0]["level"] = "error".into();
    assert!(!schema_errors(schema, &broken).is_empty());
}

#[test]
fn gitlab_code_quality_report_follows_the_documented_format() {
    let out = rich();
    let v: serde_json::Value = serde_json::from_str(&report::gitlab::render_codequality(&out)).unwrap();
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), out.findings.len());
    let mut prints = std::collections::BTreeSet::new();
    for (i, f) in issues.iter().zip(&out.findings) {
        assert!(
            prints.insert(i["fingerprint"].as_str().unwrap().to_string()),
            "unique fingerprints"
        );
        assert!(i["description"].as_str().unwrap().contains(&f.message));
        assert_eq!(i["check_name"], f.rule_id);
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&i["severity"].as_str().unwrap()));
        assert!(std::path::Path::new(i["location"]["path"].as_str().unwrap()).is_file());
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    // Stable: the fingerprints are blindspot's, which survive line moves.
    assert_eq!(
        issues[0]["fingerprint"].as_str().unwrap(),
        report::fingerprint(&out, &out.findings[0])
    );
}

#[test]
fn markdown_groups_findings_and_draws_the_log_flows() {
    let out = demo();
    let text = report::markdown::render(&out, &Default::default());
    assert!(text.starts_with("## blindspot\n\n**54 findings"), "{text}");
    let high = text.find("\n### high (4)\n").unwrap();
    let medium = text.find("\n### medium (17)\n").unwrap();
    let low = text.find("\n### low (33)\n").unwrap();
    assert!(high < medium && medium < low);
    assert_eq!(text.matches("<details>").count(), text.matches("</details>").count());
    assert_eq!(
        text.matches("| [").count(),
        out.findings.len(),
        "one table row per finding"
    );
    let diagram = report::markdown::diagram(&out).unwrap();
    assert!(diagram.starts_with("```mermaid\nflowchart LR\n"));
    // The trail logs into its bucket; the bucket has findings, so it is marked.
    let node = |address: &str| -> String {
        let line = diagram
            .lines()
            .find(|l| l.contains(&format!("[\"{address}<br/>")))
            .unwrap_or_else(|| panic!("{address} not drawn: {diagram}"));
        line.trim().split('[').next().unwrap().to_string()
    };
    let edge = format!(
        "{} -->|logs| {}",
        node("aws_cloudtrail.org"),
        node("aws_s3_bucket.trail")
    );
    assert!(diagram.contains(&edge), "{edge}: {diagram}");
    assert!(
        diagram.lines().any(|l| l.contains("⚠ ") && l.contains("S3-03")),
        "{diagram}"
    );
    assert!(diagram.contains("class ") && diagram.contains("gap"));
}

#[test]
fn human_header_counts_code_points_like_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.yaml");
    std::fs::write(
        &path,
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties: {S3BucketName: \"b\", TrailName: \"ééééééé\", IsMultiRegionTrail: false}\n",
    )
    .unwrap();
    let out = scan(&Options {
        paths: vec![path.clone()],
        only: vec!["CT-01".into()],
        ..Default::default()
    })
    .unwrap();
    let (s, _) = report::range(&out, out.findings[0].span);
    assert_eq!(
        (s.line, s.column),
        (5, 59),
        "7 two-byte characters before: bytes would say 66"
    );
    let human = report::human::render(&out, false);
    let shown = format!("{}:5:59]", out.file(out.findings[0].span.file).path);
    assert!(human.contains(&shown), "{human}");
    let compact = report::compact::render(&out);
    assert!(compact.contains(":5:59: high CT-01"), "{compact}");
}

#[test]
fn junit_shows_what_was_checked() {
    let out = rich();
    let xml = report::junit::render(&out);
    // A clean check is a passing test case with its line.
    let passing: Vec<&str> = xml
        .lines()
        .filter(|l| l.trim_start().starts_with("<testcase") && l.ends_with("\"/>"))
        .collect();
    assert!(!passing.is_empty(), "{xml}");
    for l in &passing {
        assert!(l.contains(" line=\""), "{l}");
    }
    // Whatever has a finding is not also passing.
    for f in &out.findings {
        if let Some(r) = &f.resource {
            let name = format!("name=\"{} {} {}\"", f.rule_id, f.rule_name, report::junit::escape(r));
            let file = format!("file=\"{}\"", out.file(f.span.file).path);
            assert!(
                !passing.iter().any(|l| l.contains(&name) && l.contains(&file)),
                "{name} {file}"
            );
        }
    }
    // A suppressed finding is a skipped test case that says why.
    assert!(xml.contains("<skipped message=\"suppressed ("), "{xml}");
    let total: usize = xml
        .split("<testsuites name=\"blindspot\" tests=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(total, xml.matches("<testcase ").count());
}
