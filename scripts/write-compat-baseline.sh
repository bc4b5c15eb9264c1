#!/usr/bin/env bash
# Writes the baseline-compatibility files of tests/baseline_compat.rs with a given
# blindspot binary (the release whose baselines must keep matching):
#   testdata/baselines/<name>.json        one scan of testdata/rules, all rules;
#   testdata/baselines/<name>-cases.json  every fixture case scanned alone with its rule,
#                                         --strict, and --account when its case.toml says so.
# Usage: scripts/write-compat-baseline.sh BINARY NAME   (from the repository root)
set -euo pipefail
bin=$1
name=$2
dir=testdata/baselines
mkdir -p "$dir"
"$bin" scan testdata/rules --write-baseline "$dir/$name.json" >/dev/null 2>&1 || true
tmp=$(mktemp -d "$dir/.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0
for case in testdata/rules/*/*/; do
  case=${case%/}
  rule=$(basename "$(dirname "$case")")
  flags=(--strict --rule "$rule")
  if grep -qs '^account *= *true' "$case/case.toml"; then flags+=(--account); fi
  n=$((n + 1))
  # Written next to the final file, so that the recorded paths are relative to $dir.
  "$bin" scan "$case" "${flags[@]}" --write-baseline "$dir/.case-$n.json" >/dev/null 2>&1 || true
  mv "$dir/.case-$n.json" "$tmp/$n.json"
done
python3 - "$tmp" "$dir/$name-cases.json" <<'PY'
import json, os, sys
tmp, out = sys.argv[1], sys.argv[2]
entries = set()
for f in os.listdir(tmp):
    for e in json.load(open(os.path.join(tmp, f)))["findings"]:
        entries.add(tuple(sorted(e.items())))
findings = [dict(e) for e in sorted(entries, key=lambda e: dict(e)["fingerprint"] + dict(e)["file"])]
keys = ["fingerprint", "rule_id", "file", "resource"]
findings = [{k: e[k] for k in keys if k in e} for e in findings]
with open(out, "w") as fh:
    json.dump({"version": 1, "findings": findings}, fh, indent=2)
    fh.write("\n")
print(f"{out}: {len(findings)} entries")
PY
