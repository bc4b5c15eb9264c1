//! `blindspot fix` safety (issue 16 item 3): every fail fixture of every fixable rule, in
//! all three syntaxes, is copied to a temporary directory and fixed there with the
//! `blindspot fix` code path (write, re-parse, re-scan). Then:
//!
//! - each changed file equals the checked-in `testdata/fix/<RULE>/<case>/<file>.expected`,
//!   and no `.expected` file exists for a file left unchanged;
//! - a case the planner cannot fix (an unknown value, a computed `count`, a plan file...)
//!   has `testdata/fix/<RULE>/<case>/UNFIXED` listing the findings left, and nothing changed;
//! - a re-scan with every rule reports none of the fixed findings and nothing that was not
//!   reported before.
//!
//! `BLINDSPOT_UPDATE_FIX=1 cargo test --test fix` rewrites the expected files (review them).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use blindspot::fix::FIXABLE;
use blindspot::scan::{Options, ScanOutput, scan};

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_below(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for f in files_below(from) {
        let rel = f.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&f, &dest).unwrap();
    }
}

type Key = (String, String, String, String);

/// Findings by (file relative to `root`, rule, resource, attribute).
fn keys(out: &ScanOutput, root: &Path) -> BTreeSet<Key> {
    out.findings.iter().map(|f| key(out, f, root)).collect()
}

fn key(out: &ScanOutput, f: &blindspot::finding::Finding, root: &Path) -> Key {
    let p = PathBuf::from(&out.file(f.span.file).path);
    let rel = p.strip_prefix(root).unwrap_or(&p).display().to_string();
    (
        rel,
        f.rule_id.to_string(),
        f.resource.clone().unwrap_or_default(),
        f.attribute.clone(),
    )
}

fn options(case: &Path, rule: Option<&str>) -> Options {
    let account = std::fs::read_to_string(case.join("case.toml")).is_ok_and(|t| t.contains("account = true"));
    Options {
        paths: vec![case.to_path_buf()],
        account,
        only: rule.map(|r| vec![r.to_string()]).unwrap_or_default(),
        ..Default::default()
    }
}

fn run_case(rule: &str, case: &Path, update: bool) -> Result<(), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let work = tmp.path().canonicalize().unwrap().join("case");
    copy_dir(case, &work);
    let everything_before = scan(&options(&work, None)).map_err(|e| e.to_string())?;
    let before = keys(&everything_before, &work);
    let mut planned = scan(&options(&work, Some(rule))).map_err(|e| e.to_string())?;
    blindspot::fix::attach(&mut planned);
    let fixed: BTreeSet<Key> = planned
        .findings
        .iter()
        .filter(|f| f.fix.is_some())
        .map(|f| key(&planned, f, &work))
        .collect();
    let unfixed: Vec<String> = planned
        .findings
        .iter()
        .filter(|f| f.fix.is_none())
        .map(|f| {
            format!(
                "{} {}",
                f.rule_id,
                f.message.replace(&format!("{}/", work.display()), "")
            )
        })
        .collect();
    let code = blindspot::fix::command::run(&options(&work, Some(rule)), false);
    if code == 2 {
        return Err("blindspot fix failed (exit 2)".into());
    }
    let after = keys(&scan(&options(&work, None)).map_err(|e| e.to_string())?, &work);
    let mut problems = Vec::new();
    for k in after.intersection(&fixed) {
        problems.push(format!("still reported after its fix: {k:?}"));
    }
    for k in after.difference(&before) {
        // Revealed, not introduced: a trail made multi-region is checked by more rules.
        let revealed = fixed
            .iter()
            .any(|f| f.0 == k.0 && f.2 == k.2 && blindspot::fix::revealed_by(&f.1, &k.1));
        if !revealed {
            problems.push(format!("new finding after fixing: {k:?}"));
        }
    }
    let expected_dir = Path::new("testdata/fix").join(rule).join(case.file_name().unwrap());
    let mut changed = false;
    for f in files_below(case) {
        let rel = f.strip_prefix(case).unwrap();
        let old = std::fs::read_to_string(&f).unwrap_or_default();
        let new = std::fs::read_to_string(work.join(rel)).unwrap_or_default();
        let exp_path = expected_dir.join(format!("{}.expected", rel.display()));
        if old == new {
            if exp_path.exists() {
                if update {
                    std::fs::remove_file(&exp_path).unwrap();
                } else {
                    problems.push(format!("{} exists but the file is unchanged", exp_path.display()));
                }
            }
            continue;
        }
        changed = true;
        if update {
            std::fs::create_dir_all(exp_path.parent().unwrap()).unwrap();
            std::fs::write(&exp_path, &new).unwrap();
        } else {
            match std::fs::read_to_string(&exp_path) {
                Ok(exp) if exp == new => {}
                Ok(exp) => problems.push(format!(
                    "{}: fixed text differs from the expected file\n--- expected\n{exp}\n--- actual\n{new}",
                    exp_path.display()
                )),
                Err(_) => problems.push(format!("{} is missing; the fixed text is:\n{new}", exp_path.display())),
            }
        }
    }
    let marker = expected_dir.join("UNFIXED");
    let want_marker = !unfixed.is_empty();
    if update {
        if want_marker {
            std::fs::create_dir_all(&expected_dir).unwrap();
            std::fs::write(
                &marker,
                format!("No safe mechanical fix for:\n{}\n", unfixed.join("\n")),
            )
            .unwrap();
        } else if marker.exists() {
            std::fs::remove_file(&marker).unwrap();
        }
    } else if want_marker != marker.exists() {
        problems.push(format!(
            "{}: findings left unfixed: {unfixed:?}, but the UNFIXED marker {}",
            case.display(),
            if marker.exists() { "exists" } else { "is missing" }
        ));
    }
    if !changed && unfixed.is_empty() {
        problems.push("no finding and no change: not a fail case?".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[test]
fn every_fail_fixture_of_every_fixable_rule_is_fixed_as_expected() {
    let update = std::env::var("BLINDSPOT_UPDATE_FIX").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut syntaxes = BTreeSet::new();
    for rule in FIXABLE {
        let dir = Path::new("testdata/rules").join(rule);
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir() && p.file_name().unwrap().to_string_lossy().contains("fail"))
            .collect();
        names.sort();
        for case in names {
            cases += 1;
            let name = case.file_name().unwrap().to_string_lossy().to_string();
            for s in ["tf-", "cfn-yaml-", "cfn-json-"] {
                if name.starts_with(s) {
                    syntaxes.insert((rule.to_string(), s));
                }
            }
            if let Err(e) = run_case(rule, &case, update) {
                failures.push(format!("{}: {e}", case.display()));
            }
        }
    }
    assert_eq!(
        syntaxes.len(),
        FIXABLE.len() * 3,
        "each fixable rule has fail fixtures in all three syntaxes"
    );
    assert!(cases > 0);
    assert!(
        failures.is_empty(),
        "{} of {cases} fix cases failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The fixed fixtures (each case with its `.expected` files in place), in a tree laid out
/// like `testdata` so that the validation script's lists apply.
fn fixed_tree() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for rule in FIXABLE {
        let Ok(cases) = std::fs::read_dir(Path::new("testdata/fix").join(rule)) else {
            continue;
        };
        for case in cases {
            let exp_dir = case.unwrap().path();
            let expected: Vec<PathBuf> = files_below(&exp_dir)
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "expected"))
                .collect();
            if expected.is_empty() {
                continue;
            }
            let name = exp_dir.file_name().unwrap();
            let dest = tmp.path().join("rules").join(rule).join(name);
            copy_dir(&Path::new("testdata/rules").join(rule).join(name), &dest);
            for e in expected {
                let rel = e.strip_prefix(&exp_dir).unwrap().with_extension("");
                std::fs::copy(&e, dest.join(rel)).unwrap();
            }
        }
    }
    tmp
}

/// Runs `scripts/validate_fixtures.py KIND DIR`; `None` when python3 or the tool is missing.
fn validate(kind: &str, dir: &Path) -> Option<(bool, String)> {
    let out = match std::process::Command::new("python3")
        .arg("scripts/validate_fixtures.py")
        .arg(kind)
        .arg(dir)
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            println!("skipped: python3 is not available ({e})");
            return None;
        }
    };
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.code() == Some(3) {
        println!("skipped: {}", text.trim());
        return None;
    }
    Some((out.status.success(), text))
}

#[test]
fn fixed_terraform_passes_terraform_validate() {
    let tree = fixed_tree();
    if let Some((ok, text)) = validate("terraform", tree.path()) {
        assert!(ok, "{text}");
    }
}

#[test]
fn fixed_templates_have_no_cfn_lint_error() {
    let tree = fixed_tree();
    if let Some((_, text)) = validate("cfn", tree.path()) {
        // Replacing an intrinsic by the literal may leave a Condition or Mapping unused
        // (W8001, W7001), and fixtures invalid on purpose may become valid; an error is a bug.
        let errors: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(": E") && !l.contains("no longer says so"))
            .collect();
        assert!(errors.is_empty(), "{text}");
    }
}
