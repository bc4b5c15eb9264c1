//! Differential test of the Terraform evaluator against `terraform plan` over the fixtures
//! (`scripts/differential.py`; see its documentation). Ignored by default: it plans every
//! fixture root with the real Terraform, which takes minutes. Run it with
//! `cargo test --test differential -- --ignored`; it skips with a message when Terraform
//! or the provider mirror is missing. The corpus run is the same script on
//! `../shared/corpus`, run by hand.

use std::process::Command;

#[test]
#[ignore = "plans every fixture with terraform (minutes); run with --ignored"]
fn evaluator_agrees_with_terraform_plan_on_the_fixtures() {
    let out = match Command::new("python3")
        .args([
            "scripts/differential.py",
            "--blindspot",
            env!("CARGO_BIN_EXE_blindspot"),
            "testdata",
        ])
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            println!("skipped: python3 is not available ({e})");
            return;
        }
    };
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{text}");
    if out.status.code() == Some(3) {
        return;
    }
    assert!(
        out.status.success(),
        "blindspot claims values terraform does not compute:\n{text}"
    );
}
