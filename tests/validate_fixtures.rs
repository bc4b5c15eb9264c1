//! The real tools judge the fixtures: every Terraform fixture directory passes `terraform
//! validate`, every CloudFormation template passes `cfn-lint` (allow-lists in the
//! script), and the plan-JSON fixtures are what `terraform show -json` writes from their
//! sources. Each test skips, with a message, when its tool (or python3) is not installed.

use std::process::Command;

/// Runs `python3 scripts/<script> <args>`; `None` (skipped, message printed) when python3,
/// or the tool the script needs, is missing (exit code 3).
fn script(script: &str, args: &[&str]) -> Option<(bool, String)> {
    let out = match Command::new("python3")
        .arg(format!("scripts/{script}"))
        .args(args)
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
    println!("{text}");
    if out.status.code() == Some(3) {
        println!("skipped: {}", text.trim());
        return None;
    }
    Some((out.status.success(), text))
}

#[test]
fn every_terraform_fixture_is_valid_terraform() {
    if let Some((ok, text)) = script("validate_fixtures.py", &["terraform", "testdata"]) {
        assert!(ok, "terraform validate found invalid fixtures:\n{text}");
    }
}

#[test]
fn every_cloudformation_fixture_passes_cfn_lint() {
    if let Some((ok, text)) = script("validate_fixtures.py", &["cfn", "testdata"]) {
        assert!(ok, "cfn-lint found invalid fixtures:\n{text}");
    }
}

#[test]
fn plan_json_fixtures_are_what_terraform_writes() {
    if let Some((ok, text)) = script("regen_plan_fixtures.py", &["--check"]) {
        assert!(ok, "{text}");
    }
}
