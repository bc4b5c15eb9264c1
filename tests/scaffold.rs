//! The rule scaffolder (`scripts/new-rule.sh`), run in a scratch repository holding the
//! files it edits: what it writes, where it registers the rule, that the Rust it writes
//! parses (rustfmt), and what it refuses. Skips with a message where bash, git, python3 or
//! rustfmt is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn have(tool: &str, arg: &str) -> bool {
    Command::new(tool)
        .arg(arg)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// A scratch git repository with the scaffolder and the files it reads and edits.
fn scratch() -> Option<tempfile::TempDir> {
    for (tool, arg) in [
        ("bash", "--version"),
        ("git", "--version"),
        ("python3", "--version"),
        ("rustfmt", "--version"),
    ] {
        if !have(tool, arg) {
            eprintln!("skipped: {tool} is not installed");
            return None;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for rel in [
        "scripts/new-rule.sh",
        "src/rules/mod.rs",
        "src/rules/s3/mod.rs",
        "policies/S3-05.toml",
    ] {
        let to = root.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo().join(rel), &to).unwrap();
    }
    let git = Command::new("git")
        .arg("init")
        .arg("-q")
        .current_dir(root)
        .status()
        .unwrap();
    assert!(git.success());
    Some(dir)
}

fn run(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new("bash")
        .arg("scripts/new-rule.sh")
        .args(args)
        .current_dir(root)
        .env("BLINDSPOT_SCAFFOLD_SKIP_DOCS", "1")
        .output()
        .unwrap()
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn scaffolds_a_rule_with_its_registration_policy_and_six_fixture_cells() {
    let Some(dir) = scratch() else { return };
    let root = dir.path();
    let out = run(root, &["S3-99", "s3", "example-gap"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A shell error inside the templates (an unquoted backtick) does not fail the script.
    assert!(
        out.stderr.is_empty(),
        "the scaffolder wrote to stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The rule file, which rustfmt parses.
    let rule = "src/rules/s3/s3_99_example_gap.rs";
    assert!(read(root, rule).contains("id: \"S3-99\""));
    assert!(read(root, rule).contains("include_str!(\"../../../policies/S3-99.toml\")"));
    let fmt = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .arg(root.join(rule))
        .output()
        .unwrap();
    assert!(
        fmt.status.success(),
        "rustfmt cannot parse the scaffolded rule: {}",
        String::from_utf8_lossy(&fmt.stderr)
    );

    // `pub mod` after the area's last module; the RULES entry after the area's last rule.
    let area = read(root, "src/rules/s3/mod.rs");
    let mods: Vec<&str> = area.lines().filter(|l| l.starts_with("pub mod ")).collect();
    assert_eq!(mods.last(), Some(&"pub mod s3_99_example_gap;"));
    let registry = read(root, "src/rules/mod.rs");
    let entries: Vec<&str> = registry.lines().filter(|l| l.starts_with("    &s3::")).collect();
    assert_eq!(entries.last(), Some(&"    &s3::s3_99_example_gap::RULE,"));
    let original = std::fs::read_to_string(repo().join("src/rules/mod.rs")).unwrap();
    assert_eq!(
        registry.lines().count(),
        original.lines().count() + 1,
        "exactly one line added"
    );

    // The policy skeleton has every key a policy file has.
    let policy = read(root, "policies/S3-99.toml");
    for key in [
        "id = \"S3-99\"",
        "name = \"example-gap\"",
        "severity =",
        "title =",
        "help =",
        "[remediation]",
    ] {
        assert!(policy.contains(key), "policy lacks {key}");
    }

    // Six cells; pass cells expect none, fail cells are TODO until written.
    let cells = std::fs::read_dir(root.join("testdata/rules/S3-99")).unwrap().count();
    assert_eq!(cells, 6);
    assert_eq!(read(root, "testdata/rules/S3-99/tf-pass/main.tf"), "# expect: none\n");
    assert_eq!(
        read(root, "testdata/rules/S3-99/cfn-yaml-pass/template.yaml"),
        "# expect: none\n"
    );
    assert_eq!(
        read(root, "testdata/rules/S3-99/cfn-json-pass/template.json.expect"),
        "none\n"
    );
    for fail in [
        "tf-fail/main.tf",
        "cfn-yaml-fail/template.yaml",
        "cfn-json-fail/template.json.expect",
    ] {
        assert!(
            read(root, &format!("testdata/rules/S3-99/{fail}")).contains("TODO"),
            "{fail}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&read(root, "testdata/rules/S3-99/cfn-json-fail/template.json")).unwrap();
    assert!(json["Resources"].is_object());
}

#[test]
fn refuses_bad_arguments_and_an_existing_rule() {
    let Some(dir) = scratch() else { return };
    let root = dir.path();
    for (args, why) in [
        (&["s3-99", "s3", "x"][..], "ID must look like S3-11"),
        (&["S3-99", "s3", "Not_Kebab"][..], "NAME must be kebab-case"),
        (&["S3-99", "nosuch", "x"][..], "no area src/rules/nosuch"),
        (&["S3-05", "s3", "x"][..], "policies/S3-05.toml exists"),
        (&["S3-99"][..], "usage:"),
    ] {
        let out = run(root, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(why),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Nothing was written by the refused calls.
    let registry = read(root, "src/rules/mod.rs");
    assert_eq!(
        registry,
        std::fs::read_to_string(repo().join("src/rules/mod.rs")).unwrap()
    );
}
