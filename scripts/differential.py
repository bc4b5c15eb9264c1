#!/usr/bin/env python3
"""Differential test of blindspot's Terraform evaluator against `terraform plan`.

    scripts/differential.py [--blindspot BIN] [--batch N] [--jobs N] [--json OUT] [--details] DIR...

Every root module below each DIR that can be planned offline (local module sources only,
no data source that calls AWS, only the AWS provider) is copied to a temporary folder with
dummy provider credentials, and planned by the real Terraform against the provider mirror
(see tf_oracle.py). To keep the provider start-up cost bounded, roots are planned in
batches: one generated root calls N of them as modules (`module.m<i>`); a root whose files
make the plan fail is taken out of its batch (with the error as its reason) and the batch
is planned again. Roots with automatically loaded `.tfvars` files or variables without a
default are not batched (a module call would not read them): they are reported as such.

blindspot's side is `blindspot debug eval ROOT`. For every resource instance both sides
know, each attribute blindspot evaluated is compared with Terraform's `planned_values`
and `after_unknown`:

  equal           same value (numbers and strings compare as text, JSON strings as JSON,
                  lists of blocks also as sets)
  different       both known, different: a correctness bug
  bs_known_tf_unknown  blindspot claims a value Terraform does not compute: a bug
  tf_known_bs_unknown  Terraform knows it, blindspot does not: lost precision
  both_unknown

Exit code: 0 when there is no `different` and no `bs_known_tf_unknown`, 1 otherwise, 3 when
Terraform or the mirror is missing (with a message).
"""

import argparse
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tf_oracle  # noqa: E402

VERDICTS = ["equal", "different", "bs_known_tf_unknown", "tf_known_bs_unknown", "both_unknown"]
RANK = {v: i for i, v in enumerate(["equal", "both_unknown", "tf_known_bs_unknown", "bs_known_tf_unknown", "different"])}


PLACEHOLDER = re.compile(r"\$\{[a-z][\w.\[\]\"-]*\}")


def worst(a, b):
    return a if RANK[a] >= RANK[b] else b


def is_marker(v):
    return isinstance(v, dict) and any(k in v for k in ("$unknown", "$ref", "$oneof"))


def fully_known(v):
    if is_marker(v):
        return False
    if isinstance(v, list):
        return all(fully_known(x) for x in v)
    if isinstance(v, dict):
        return all(fully_known(x) for x in v.values())
    return True


def scalar_text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        f = float(v)
        return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)
    return v


def scalars_equal(bs, tf):
    if bs == tf and type(bs) is type(tf):
        return True
    if isinstance(bs, (int, float)) and isinstance(tf, (int, float)) and not isinstance(bs, bool):
        return float(bs) == float(tf)
    if isinstance(bs, str) and isinstance(tf, str):
        if bs.strip()[:1] in "{[" and tf.strip()[:1] in "{[":
            try:
                return json.loads(bs) == json.loads(tf)
            except ValueError:
                return False
        return False
    if bs is None or tf is None:
        return False
    return scalar_text(bs) == scalar_text(tf)


def compare(bs, tf, unk, why, path=""):
    """Verdict for blindspot's value `bs` against Terraform's `tf` with unknown marks `unk`.
    Appends (verdict, path, detail) of each non-equal leaf to `why`."""
    if unk is True:
        if isinstance(bs, str) and PLACEHOLDER.search(bs):
            # A policy document whose unknown ARNs blindspot writes as `${address.attr}`
            # placeholders (by design, see eval.rs policy_document): partly unknown.
            why.append(("placeholder", path, bs))
            return "both_unknown"
        if fully_known(bs) and not (bs is None or bs == [] or bs == {}):
            why.append(("bs_known_tf_unknown", path, bs))
            return "bs_known_tf_unknown"
        return "both_unknown"
    if is_marker(bs):
        if tf is None and "$oneof" not in bs:
            # Unknown to blindspot, null to Terraform (an optional argument not set).
            why.append(("tf_known_bs_unknown", path, bs))
            return "tf_known_bs_unknown"
        why.append(("tf_known_bs_unknown", path, bs))
        return "tf_known_bs_unknown"
    if isinstance(bs, dict):
        if not isinstance(tf, dict):
            if tf is None and not bs:
                return "equal"
            why.append(("different", path, {"blindspot": bs, "terraform": tf}))
            return "different"
        out = "equal"
        u = unk if isinstance(unk, dict) else {}
        for k, v in bs.items():
            if k not in tf and not u.get(k):
                if v is None or v == [] or v == {}:
                    continue
                why.append(("different", f"{path}.{k}", {"blindspot": v, "terraform": "(absent)"}))
                out = worst(out, "different")
                continue
            out = worst(out, compare(v, tf.get(k), u.get(k), why, f"{path}.{k}"))
        return out
    if isinstance(bs, list):
        if tf is None and not bs:
            return "equal"
        if not isinstance(tf, list):
            if isinstance(tf, dict) and len(bs) == 1 and isinstance(bs[0], dict):
                # A single nested block Terraform models as an object attribute.
                return compare(bs[0], tf, unk, why, path)
            why.append(("different", path, {"blindspot": bs, "terraform": tf}))
            return "different"
        u = unk if isinstance(unk, list) else [None] * len(tf)
        if len(bs) != len(tf):
            if any(is_marker(x) for x in bs) or any(x is True for x in u):
                why.append(("tf_known_bs_unknown", path, bs))
                return "tf_known_bs_unknown"
            why.append(("different", path, {"blindspot": bs, "terraform": tf}))
            return "different"
        trial = []
        out = "equal"
        for i, (b, t) in enumerate(zip(bs, tf)):
            out = worst(out, compare(b, t, u[i] if i < len(u) else None, trial, f"{path}[{i}]"))
        if out == "different":
            # Sets: Terraform orders elements its own way; match each element to any.
            remaining = list(range(len(tf)))
            set_out, set_why = "equal", []
            for i, b in enumerate(bs):
                best = None
                for j in remaining:
                    w = []
                    v = compare(b, tf[j], u[j] if j < len(u) else None, w, f"{path}[{i}]")
                    if best is None or RANK[v] < RANK[best[0]]:
                        best = (v, j, w)
                remaining.remove(best[1])
                set_out = worst(set_out, best[0])
                set_why += best[2]
            if RANK[set_out] < RANK[out]:
                out, trial = set_out, set_why
        why += trial
        return out
    if isinstance(unk, (dict, list)) and unk:
        return "both_unknown"
    if bs is None and tf is not None:
        # Null in configuration: the provider's default or computed value applies.
        why.append(("provider_default", path, tf))
        return "equal"
    if scalars_equal(bs, tf):
        return "equal"
    why.append(("different", path, {"blindspot": bs, "terraform": tf}))
    return "different"


def planned_instances(show):
    """address -> (values, after_unknown) of every managed resource instance in a plan."""
    out = {}

    def walk(m):
        for r in m.get("resources", []):
            if r.get("mode") == "managed":
                out[r["address"]] = [r.get("values", {}), {}]
        for c in m.get("child_modules", []):
            walk(c)

    walk(show.get("planned_values", {}).get("root_module", {}))
    for rc in show.get("resource_changes", []):
        if rc["address"] in out:
            out[rc["address"]][1] = rc.get("change", {}).get("after_unknown", {}) or {}
    return out


class Report:
    def __init__(self):
        self.planned = []
        self.failed = collections.Counter()
        self.failed_roots = {}
        self.instances = collections.Counter()
        self.attrs = collections.Counter()
        self.unknown_causes = collections.Counter()
        self.placeholders = 0
        self.provider_defaults = 0
        self.findings = []  # (verdict, root, address, path, detail)

    def compare_root(self, root, tf_instances, dump):
        bs = {}
        for r in (dump.get("terraform") or {}).get("resources", []):
            bs[r["address"]] = r
        for addr in sorted(set(tf_instances) | set(bs)):
            if addr not in bs:
                self.instances["missing"] += 1
                self.findings.append(("missing_instance", root, addr, "", ""))
                continue
            if addr not in tf_instances:
                self.instances["extra"] += 1
                self.findings.append(("extra_instance", root, addr, "", bs[addr].get("exists_if", "")))
                continue
            self.instances["matched"] += 1
            values, unknown = tf_instances[addr]
            for k, v in sorted(bs[addr]["attributes"].items()):
                why = []
                if k not in values and not unknown.get(k):
                    verdict = "different"
                    why = [("different", "", {"blindspot": v, "terraform": "(no such attribute)"})]
                else:
                    verdict = compare(v, values.get(k), unknown.get(k), why)
                self.attrs[verdict] += 1
                if verdict == "tf_known_bs_unknown":
                    for _, _, d in why:
                        if is_marker(d):
                            cause = d.get("$unknown") or ("reference" if "$ref" in d else "one of")
                            cause = re.sub(r'\[[^\]]*\]|"[^"]*"', "", str(cause))
                            self.unknown_causes[cause.split(" ")[0].split(".")[0][:40]] += 1
                if any(w == "placeholder" for w, _, _ in why):
                    self.placeholders += 1
                if any(w == "provider_default" for w, _, _ in why):
                    self.provider_defaults += 1
                if verdict in ("different", "bs_known_tf_unknown", "tf_known_bs_unknown"):
                    for w, p, d in why:
                        self.findings.append((w, root, addr, k + p, d))

    def fail(self, root, reason):
        self.failed[reason.split(":")[0][:60]] += 1
        self.failed_roots[root] = reason

    def summary(self):
        return {
            "roots_planned": len(self.planned),
            "roots_not_planned": sum(self.failed.values()),
            "not_planned_by_reason": dict(self.failed.most_common()),
            "instances": dict(self.instances),
            "attributes": {v: self.attrs.get(v, 0) for v in VERDICTS},
            "tf_known_bs_unknown_by_cause": dict(self.unknown_causes.most_common(25)),
            "both_unknown_policy_placeholders": self.placeholders,
            "equal_null_vs_provider_default": self.provider_defaults,
        }


def blindspot_dump(binary, roots):
    p = subprocess.run([binary, "debug", "eval"] + roots, capture_output=True, text=True, timeout=600)
    if not p.stdout.strip():
        raise RuntimeError(f"blindspot debug eval failed: {p.stderr[:500]}")
    out = json.loads(p.stdout)
    return out if len(roots) > 1 else [out]


def error_owner(diag, calls):
    """Which batched root (index) a Terraform diagnostic is about, or None."""
    rng = diag.get("range") or {}
    fn = rng.get("filename", "")
    m = re.match(r"(?:\./)?m(\d+)/", fn)
    if m:
        return int(m.group(1))
    if fn in ("main.tf", "./main.tf"):
        line = rng.get("start", {}).get("line", 0)
        for i, (start, end) in calls.items():
            if start <= line <= end:
                return i
    text = diag.get("summary", "") + " " + diag.get("detail", "") + " " + diag.get("address", "")
    m = re.search(r"module\.m(\d+)\b", text)
    if m:
        return int(m.group(1))
    return None


def plan_batch(env, roots, workdir):
    """Plans `roots` (index -> (root, closure)) as modules of one generated root. Returns
    ({index: [values, unknown] per address}, {index: failure reason}, {index: the root's
    copy}); blindspot evaluates the copy (remote sources there point at local stand-ins)."""
    failed = {}
    live = dict(roots)
    copies = {}
    for i, (root, dirs) in roots.items():
        copies[i] = tf_oracle.copy_closure(dirs, os.path.join(workdir, f"m{i}"), add_default=False)
    for _attempt in range(len(roots) + 2):
        if not live:
            return {}, failed, copies
        lines = ['provider "aws" {\n' + tf_oracle.PROVIDER_SETTINGS + "}\n"]
        calls, n = {}, lines[0].count("\n")
        for i, (root, dirs) in sorted(live.items()):
            base = os.path.commonpath(dirs)
            src = "./" + os.path.join(f"m{i}", os.path.relpath(root, base)).replace(os.sep, "/")
            src = src.rstrip("/.") if src.endswith("/.") else src
            block = f'module "m{i}" {{\n  source = "{src}"\n}}\n'
            calls[i] = (n + 1, n + 3)
            n += 3
            lines.append(block)
        with open(os.path.join(workdir, "main.tf"), "w") as f:
            f.write("".join(lines))
        rc, out, err = env.run(["init", "-backend=false", "-input=false", "-no-color"], workdir)
        if rc != 0:
            text = out + err
            owners = {int(m) for m in re.findall(r'module\.m(\d+)|"m(\d+)"|\bm(\d+)/', text) for m in m if m}
            owners &= set(live)
            if owners:
                for o in owners:
                    failed[o] = "init: " + first_error(text)
                    live.pop(o)
                continue
            for i in live:
                failed[i] = "init: " + first_error(text)
            return {}, failed, copies
        rc, out, err = env.run(
            ["plan", "-json", "-input=false", "-refresh=false", "-lock=false", "-out=plan.bin"], workdir
        )
        if rc == 0:
            break
        diags = []
        for line in out.splitlines():
            try:
                m = json.loads(line)
            except ValueError:
                continue
            d = m.get("diagnostic")
            if m.get("type") == "diagnostic" and d and d.get("severity") == "error":
                diags.append(d)
        owners = {}
        for d in diags:
            o = error_owner(d, calls)
            if o is not None and o in live:
                owners.setdefault(o, d)
        if not owners:
            reason = "plan: " + (diags[0]["summary"] if diags else first_error(err))
            for i in live:
                failed[i] = reason
            return {}, failed, copies
        for o, d in owners.items():
            failed[o] = "plan: " + d.get("summary", "")
            live.pop(o)
    else:
        for i in live:
            failed[i] = "plan: did not converge"
        return {}, failed, copies
    rc, out, err = env.run(["show", "-json", "plan.bin"], workdir)
    if rc != 0:
        for i in live:
            failed[i] = "show: " + first_error(err)
        return {}, failed, copies
    insts = planned_instances(json.loads(out))
    per = {i: {} for i in live}
    for addr, v in insts.items():
        m = re.match(r"module\.m(\d+)\.(.*)$", addr)
        if m and int(m.group(1)) in per:
            per[int(m.group(1))][m.group(2)] = v
    return per, failed, copies


def first_error(text):
    for line in text.splitlines():
        line = line.strip(" │╷╵")
        if line.startswith("Error:"):
            return line[6:].strip()
    return text.strip().splitlines()[0][:100] if text.strip() else "failed"


def batchable(root):
    """Why `root` cannot be called as a module the way it runs as a root, or None."""
    for n in os.listdir(root):
        low = n.lower()
        if low in ("terraform.tfvars", "terraform.tfvars.json") or low.endswith(".auto.tfvars") or low.endswith(
            ".auto.tfvars.json"
        ):
            return "automatically loaded .tfvars (not read in a module call)"
    for f in tf_oracle.tf_files(root):
        text = tf_oracle.read(f)
        for m in re.finditer(r'^\s*variable\s+"([^"]+)"\s*\{', text, re.M):
            depth, i = 1, m.end()
            while i < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            if not re.search(r"^\s*default\s*=", text[m.end() : i], re.M):
                return f"variable {m.group(1)} has no default"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--blindspot", default=os.environ.get("BLINDSPOT_BIN", "target/debug/blindspot"))
    ap.add_argument("--batch", type=int, default=40, help="roots planned together (default 40)")
    ap.add_argument("--jobs", type=int, default=2, help="batches planned at once (default 2)")
    ap.add_argument("--json", help="write the full report (summary and every difference) here")
    ap.add_argument("--details", action="store_true", help="print every difference")
    ap.add_argument(
        "--relax-provider-versions",
        action="store_true",
        help="drop required_providers version constraints in the copies (the mirror has one version)",
    )
    ap.add_argument(
        "--stub-data",
        action="store_true",
        help="replace data sources that call AWS (caller identity, AZs...) by fixed locals in both tools' copy",
    )
    ap.add_argument("--compare-with", metavar="BIN", help="also report for another blindspot binary (before/after)")
    ap.add_argument(
        "--local-modules",
        action="append",
        default=[],
        help="a directory of owner__repo checkouts that stand in for registry/GitHub module sources",
    )
    args = ap.parse_args()
    why = tf_oracle.available()
    if why:
        print(f"differential: skipped: {why}")
        return 3
    tf_oracle.LOCAL_MODULES.extend(args.local_modules)
    tf_oracle.STUBS["on"] = args.stub_data
    tf_oracle.RELAX["on"] = args.relax_provider_versions
    binaries = [args.blindspot] + ([args.compare_with] if args.compare_with else [])
    reports = [Report() for _ in binaries]
    report = reports[0]
    candidates = []
    for top in args.dirs:
        for root in tf_oracle.find_roots(top):
            dirs, problem = tf_oracle.closure(root)
            problem = problem or tf_oracle.offline_problem(dirs) or batchable(root)
            if problem:
                for r in reports:
                    r.fail(root, problem)
            else:
                candidates.append((root, dirs))
    env = tf_oracle.Env()
    batches = [candidates[i : i + args.batch] for i in range(0, len(candidates), args.batch)]

    def run(batch):
        with tempfile.TemporaryDirectory(dir=env.dir) as w:
            roots = dict(enumerate(batch))
            per, failed, copies = plan_batch(env, roots, w)
            planned = sorted(per)
            dumps = [blindspot_dump(b, [copies[i] for i in planned]) if planned else [] for b in binaries]
            per = {i: (per[i], [d[k] for d in dumps]) for k, i in enumerate(planned)}
        reasons = set(failed.values())
        if len(batch) > 1 and not per and len(reasons) == 1 and next(iter(reasons)).startswith("init"):
            # `terraform init` failed for a reason it did not locate: plan each half apart.
            half = len(batch) // 2
            out_per, out_failed = {}, {}
            for off, part in ((0, batch[:half]), (half, batch[half:])):
                _, p, f = run(part)
                out_per.update({off + i: v for i, v in p.items()})
                out_failed.update({off + i: v for i, v in f.items()})
            return batch, out_per, out_failed
        return batch, per, failed

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for batch, per, failed in pool.map(run, batches):
                for i, reason in sorted(failed.items()):
                    for r in reports:
                        r.fail(batch[i][0], reason)
                for i, (insts, dumps) in sorted(per.items()):
                    for r, dump in zip(reports, dumps):
                        r.planned.append(batch[i][0])
                        r.compare_root(batch[i][0], insts, dump)
                print(f"batch done: {len(per)} planned, {len(failed)} not", file=sys.stderr)
    finally:
        env.cleanup()
    summary = report.summary()
    if args.compare_with:
        print(f"{args.compare_with}:")
        print(json.dumps(reports[1].summary(), indent=2))
        print(f"{args.blindspot}:")
    print(json.dumps(summary, indent=2))
    bugs = [f for f in report.findings if f[0] in ("different", "bs_known_tf_unknown")]
    for f in report.findings if args.details else bugs:
        print(f"{f[0]}: {f[1]} {f[2]} {f[3]}: {json.dumps(f[4])[:300]}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(
                {
                    "summary": summary,
                    "planned": report.planned,
                    "not_planned": report.failed_roots,
                    "differences": [
                        {"verdict": a, "root": b, "address": c, "attribute": d, "detail": e}
                        for a, b, c, d, e in report.findings
                    ],
                },
                out,
                indent=1,
            )
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
