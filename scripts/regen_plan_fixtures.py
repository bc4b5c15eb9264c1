#!/usr/bin/env python3
"""Regenerates the plan-JSON fixtures from their Terraform sources (testdata/plans/).

    scripts/regen_plan_fixtures.py [--check]

For each source root: copy it to a temporary folder with dummy provider credentials,
`terraform init -backend=false` against the provider mirror, `terraform plan -out`,
`terraform show -json`, and write the result (re-indented, key order kept) to the fixture.
With --check nothing is written: the exit code is 1 when a fixture differs from what
Terraform writes now (the `timestamp` field aside). Exit code 3: Terraform or the mirror
is not available (with a message).
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tf_oracle  # noqa: E402

# source directory -> fixture file, relative to the repository root.
PLANS = {
    "testdata/plans/CT-01-plan-fail": "testdata/rules/CT-01/plan-fail/plan.json",
}


def render(show):
    return json.dumps(show, indent=2, ensure_ascii=False) + "\n"


def plan(env, src):
    dirs, problem = tf_oracle.closure(src)
    if problem:
        raise RuntimeError(f"{src}: {problem}")
    work = os.path.join(env.dir, os.path.basename(src))
    root = tf_oracle.copy_closure(dirs, work)
    for args in (
        ["init", "-backend=false", "-input=false", "-no-color"],
        ["plan", "-input=false", "-refresh=false", "-lock=false", "-no-color", "-out=plan.bin"],
    ):
        rc, out, err = env.run(args, root)
        if rc != 0:
            raise RuntimeError(f"{src}: terraform {args[0]} failed:\n{out}\n{err}")
    rc, out, err = env.run(["show", "-json", "plan.bin"], root)
    if rc != 0:
        raise RuntimeError(f"{src}: terraform show failed:\n{err}")
    return json.loads(out)


def main():
    check = "--check" in sys.argv[1:]
    why = tf_oracle.available()
    if why:
        print(f"regen plan fixtures: skipped: {why}")
        return 3
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(repo)
    env = tf_oracle.Env()
    stale = []
    try:
        for src, fixture in sorted(PLANS.items()):
            show = plan(env, src)
            if check:
                with open(fixture, encoding="utf-8") as f:
                    old = json.load(f)
                old.pop("timestamp", None)
                new = dict(show)
                new.pop("timestamp", None)
                if old != new:
                    stale.append(fixture)
            else:
                with open(fixture, "w", encoding="utf-8") as f:
                    f.write(render(show))
                print(f"wrote {fixture}")
    finally:
        env.cleanup()
    for f in stale:
        print(f"{f} is not what terraform writes from its source: run scripts/regen_plan_fixtures.py")
    if check and not stale:
        print(f"regen plan fixtures: {len(PLANS)} plan fixtures match terraform")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
