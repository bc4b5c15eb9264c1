#!/usr/bin/env python3
"""Every fixture is valid Terraform / CloudFormation, as the real tools judge.

    scripts/validate_fixtures.py terraform [TESTDATA]   # terraform validate
    scripts/validate_fixtures.py cfn [TESTDATA]         # cfn-lint

terraform: every directory below TESTDATA holding `.tf` / `.tf.json` files is validated as
a module. To pay the AWS provider's start-up once, not once per directory, one generated
root calls every directory as a module (`module.m<i>`) in a copy of TESTDATA, and a single
`terraform init` (providers from the mirror only, see tf_oracle.py) and `terraform
validate -json` run over it; each error is attributed to the directory whose file it is
in. A variable without a default (a root would ask for it) gets an unknown value
(`terraform_data.unknown.output`), as `terraform validate` gives a root's variables.

cfn: every CloudFormation template below TESTDATA (and nothing else: parameter files,
plan JSON, schemas are not templates) goes through `cfn-lint`, in two processes.

Fixtures that are invalid on purpose, and cfn-lint rules we ignore, are listed below with
the reason. Exit code 0: all valid; 1: some fixture is invalid (listed); 3: the tool is
not available (with a message).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tf_oracle  # noqa: E402

# Terraform fixture directories (relative to TESTDATA) that are invalid on purpose.
TF_INVALID_ON_PURPOSE = {
    "rules/CT-01/tf-pass-module-recursive": "a module that calls itself: blindspot must stop and say so",
    "rules/CT-01/tf-pass-module-recursive/m": "part of the same cycle",
    "rules/CT-01/tf-pass-module-recursive/m2": "part of the same cycle",
    "rules/VPC-01/tf-fail-dangling-reference": "a reference to an undeclared resource: blindspot notes it and links to nothing",
}
# Directories terraform cannot validate offline.
TF_NOT_OFFLINE = {
    "rules/CT-01/tf-fail-remote-module-downloaded": "registry module: `terraform init` would download it",
    "rules/CT-01/tf-pass-remote-module-not-downloaded": "registry module: `terraform init` would download it",
    "rules/DET-00/tf-pass-module-not-downloaded": "registry module: `terraform init` would download it",
    # The offline mirror holds AWS provider 5.x; deletion_protection_enabled needs >= 6.25.0.
    "rules/LOG-01/tf-pass": "requires AWS provider ~> 6.25 (deletion_protection_enabled); the offline mirror has 5.x",
    "rules/LOG-01/tf-fail-required-providers": "requires AWS provider >= 6.25.0 (deletion_protection_enabled); the offline mirror has 5.x",
}

# CloudFormation templates (relative to TESTDATA) that are invalid on purpose: rule ids
# expected there.
CFN_INVALID_ON_PURPOSE = {
    # Intrinsic-function torture tests: they feed the evaluator values CloudFormation
    # would reject (Fn::Base64 of a non-string in a string slot, Fn::ToJsonString of a
    # list where a string is due) to check blindspot stays silent, not wrong.
    "rules/CT-01/cfn-json-fail-intrinsics/template.json": {"E8003", "E1017", "W1028"},
    "rules/CT-01/cfn-yaml-fail-intrinsics/template.yaml": {"E8003", "E1017", "W1028"},
    # An empty KMSKeyId in one Fn::If branch and none in the other: the case is that
    # neither branch encrypts.
    "rules/CT-03/cfn-yaml-fail-if-no-key-either-way/template.yaml": {"E1157", "E1162", "E1164", "E3017"},
    # References to undeclared logical ids ("Unresolved resource dependencies"): blindspot
    # notes them and links to nothing, so VPC-01 fires on the VPC the flow log misses.
    "rules/VPC-01/cfn-yaml-fail-dangling-reference/template.yaml": {"E1020"},
    "rules/VPC-01/cfn-json-fail-dangling-reference/template.json": {"E1010"},
    # With a Transform the template is not complete (SAM and macros add logical ids), so
    # the same undeclared reference stays unknown; the id is made up, hence E1020.
    "rules/VPC-01/cfn-yaml-pass-dangling-reference-sam/template.yaml": {"E1020"},
}
# cfn-lint rules ignored everywhere, and why.
CFN_IGNORED_RULES = {
    # Fixtures are minimal: unused parameters (CDK's BootstrapVersion), hard-coded
    # availability zones and `package`-only local TemplateURLs are what they test or
    # harmless.
    "W2001": "unused parameter",
    "W3010": "hard-coded availability zone",
    "W3002": "local TemplateURL needs `aws cloudformation package` (nested stack fixtures)",
    # S3 ACL fixtures test the legacy AccessControl property on purpose (S3-06); they
    # set OwnershipControls so that the ACL would be accepted.
    "W3045": "legacy AccessControl property",
    # Conditions that are always true/false are how fixtures pin a branch.
    "W8003": "condition always true or false",
}


def tf_dirs(testdata):
    out = []
    for d, subdirs, files in os.walk(testdata):
        subdirs[:] = sorted(s for s in subdirs if not s.startswith("."))
        if any(f.endswith(".tf") or f.endswith(".tf.json") for f in files):
            out.append(os.path.relpath(d, testdata))
    return out


def validate_terraform(testdata):
    why = tf_oracle.available()
    if why:
        print(f"validate terraform: skipped: {why}")
        return 3
    dirs = [d for d in tf_dirs(testdata) if d not in TF_INVALID_ON_PURPOSE and d not in TF_NOT_OFFLINE]
    env = tf_oracle.Env()
    try:
        work = os.path.join(env.dir, "w")
        shutil.copytree(testdata, os.path.join(work, "t"), ignore=shutil.ignore_patterns(".*"), symlinks=True)
        lines = ['provider "aws" {\n' + tf_oracle.PROVIDER_SETTINGS + '}\nresource "terraform_data" "unknown" {}\n']
        calls, n = {}, lines[0].count("\n")
        for i, d in enumerate(dirs):
            args = "".join(
                f"  {v} = terraform_data.unknown.output\n"
                for v in tf_oracle.required_variables(os.path.join(testdata, d))
            )
            block = f'module "m{i}" {{\n  source = "./t/{d}"\n{args}}}\n'
            calls[i] = (n + 1, n + block.count("\n"))
            n += block.count("\n")
            lines.append(block)
        with open(os.path.join(work, "main.tf"), "w") as f:
            f.write("".join(lines))
        rc, out, err = env.run(["init", "-backend=false", "-input=false", "-no-color"], work)
        if rc != 0:
            print(f"validate terraform: terraform init failed:\n{out}\n{err}")
            return 1
        rc, out, err = env.run(["validate", "-json", "-no-color"], work)
        try:
            result = json.loads(out)
        except ValueError:
            print(f"validate terraform: no JSON from terraform validate:\n{out}\n{err}")
            return 1
    finally:
        env.cleanup()
    problems = []
    for diag in result.get("diagnostics", []):
        if diag.get("severity") != "error":
            continue
        rng = diag.get("range") or {}
        fn = rng.get("filename", "")
        where = f"{fn}:{rng.get('start', {}).get('line', '?')}"
        if fn == "main.tf":
            line = rng.get("start", {}).get("line", 0)
            owner = next((dirs[i] for i, (a, b) in calls.items() if a <= line <= b), "?")
            where = f"(the call of {owner})"
        elif fn.startswith("t/"):
            where = f"{fn[2:]}:{rng.get('start', {}).get('line', '?')}"
        problems.append(f"{where}: {diag.get('summary')}: {diag.get('detail', '')}".strip())
    print(f"validate terraform: {len(dirs)} directories validated as modules, {len(problems)} errors")
    for p in sorted(set(problems)):
        print(f"  {p}")
    for d, r in sorted({**TF_INVALID_ON_PURPOSE, **TF_NOT_OFFLINE}.items()):
        print(f"  not validated: {d}: {r}")
    return 1 if problems else 0


def is_template(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return False
    if path.endswith(".json"):
        try:
            doc = json.loads(text)
        except ValueError:
            return False
        return isinstance(doc, dict) and isinstance(doc.get("Resources"), dict)
    return "AWSTemplateFormatVersion" in text or re.search(r"^Resources:\s*$", text, re.M) is not None


def templates(testdata):
    out = []
    for d, subdirs, files in os.walk(testdata):
        subdirs[:] = sorted(s for s in subdirs if not s.startswith(".") and s != "schemas")
        for f in sorted(files):
            p = os.path.join(d, f)
            if f.endswith((".yaml", ".yml", ".json", ".template")) and is_template(p):
                out.append(p)
    return out


def cfn_lint_command():
    if shutil.which("cfn-lint"):
        return ["cfn-lint"]
    try:
        import cfnlint  # noqa: F401

        return [sys.executable, "-m", "cfnlint"]
    except ImportError:
        return None


def validate_cfn(testdata):
    cmd = cfn_lint_command()
    if cmd is None:
        print("validate cfn: skipped: cfn-lint is not installed (pip install cfn-lint)")
        return 3
    files = templates(testdata)
    half = (len(files) + 1) // 2
    procs = [
        subprocess.Popen(
            cmd + ["--format", "parseable", "--"] + part,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for part in (files[:half], files[half:])
        if part
    ]
    problems, seen_on_purpose = [], set()
    for p in procs:
        out, err = p.communicate()
        if p.returncode not in (0, 2, 4, 6, 8, 10, 12, 14) or (not out.strip() and err.strip() and p.returncode):
            print(f"validate cfn: cfn-lint failed ({p.returncode}): {err[:1000]}")
            return 1
        for line in out.splitlines():
            parts = line.split(":", 5)
            if len(parts) < 6:
                continue
            path, rule = parts[0], parts[5].split(":", 1)[0]
            rel = os.path.relpath(path, testdata)
            if rule in CFN_IGNORED_RULES:
                continue
            if rule in CFN_INVALID_ON_PURPOSE.get(rel, ()):
                seen_on_purpose.add((rel, rule))
                continue
            problems.append(f"{rel}:{parts[1]}: {rule}: {parts[5].split(':', 1)[-1]}")
    print(f"validate cfn: {len(files)} templates linted, {len(problems)} problems")
    for p in problems:
        print(f"  {p}")
    for rel, rules in sorted(CFN_INVALID_ON_PURPOSE.items()):
        stale = sorted(r for r in rules if (rel, r) not in seen_on_purpose)
        if stale:
            problems.append(f"{rel}: listed as invalid on purpose ({', '.join(stale)}) but cfn-lint no longer says so")
            print(f"  {problems[-1]}")
    return 1 if problems else 0


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("terraform", "cfn"):
        print(__doc__)
        return 2
    testdata = os.path.normpath(sys.argv[2] if len(sys.argv) > 2 else "testdata")
    return validate_terraform(testdata) if sys.argv[1] == "terraform" else validate_cfn(testdata)


if __name__ == "__main__":
    sys.exit(main())
