#!/usr/bin/env bash
# blindspot against cfn-guard on the CloudFormation-only part of the corpus (issue 18
# item 6). cfn-guard runs a three-rule logging ruleset (benches/cfn-guard-logging.guard:
# CloudTrail logging, S3 access logging, log group retention); blindspot runs all its rules.
# Whole-process figures from /usr/bin/time: CPU (user+sys), wall, peak RSS; each tool is
# run $RUNS times (default 3) and the least CPU is kept.
#
#   benches/cfn-guard.sh [CORPUS]     (default ../shared/corpus or $BLINDSPOT_CORPUS)
#
# Skips (exit 0, with the reason) when cfn-guard (`cargo install cfn-guard`; or set
# $CFN_GUARD), /usr/bin/time or the corpus is missing. Target: blindspot uses at least 5x
# less CPU than cfn-guard.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
corpus="${1:-${BLINDSPOT_CORPUS:-../shared/corpus}}"
runs="${RUNS:-3}"
guard="${CFN_GUARD:-$(command -v cfn-guard || true)}"
if [ -z "$guard" ] || [ ! -x "$guard" ]; then
  echo "cfn-guard comparison skipped: cfn-guard is not installed (cargo install cfn-guard, or set CFN_GUARD)"
  exit 0
fi
if [ ! -x /usr/bin/time ]; then
  echo "cfn-guard comparison skipped: /usr/bin/time is not installed (apt-get install time)"
  exit 0
fi
if [ ! -d "$corpus" ]; then
  echo "cfn-guard comparison skipped: corpus $corpus not found"
  exit 0
fi
# BLINDSPOT_BIN: a blindspot binary to measure instead of building target/release.
if [ -n "${BLINDSPOT_BIN:-}" ]; then
  bin="$BLINDSPOT_BIN"
else
  cargo build --release --locked --bin blindspot >&2
  bin="$root/target/release/blindspot"
fi

# The CloudFormation-only inputs: the YAML/JSON/.template files that name a template
# section or an AWS resource type, with their relative paths (nested stacks resolve).
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cfn="$work/cfn"
mkdir -p "$cfn"
(cd "$corpus" && find . -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) \
  ! -name '*.tf.json' ! -name '*.tfvars.json' -print0 |
  xargs -0 grep -l -E 'AWSTemplateFormatVersion|Type"?[[:space:]]*:[[:space:]]*"?AWS::' |
  while IFS= read -r f; do
    mkdir -p "$cfn/$(dirname "$f")"
    cp "$f" "$cfn/$f"
  done)
files=$(find "$cfn" -type f | wc -l)
bytes=$(find "$cfn" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "CloudFormation-only set: $files files, $bytes bytes"

# One run: prints "cpu wall rss_mib" (CPU and wall in seconds).
measure() {
  local log="$work/time.log"
  /usr/bin/time -v -o "$log" "$@" >/dev/null 2>&1 || true
  awk -F': ' '
    /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {r=$2}
    /Elapsed \(wall clock\)/ {n=split($2, p, ":"); w=0; for (i=1;i<=n;i++) w=w*60+p[i]}
    END {printf "%.2f %.2f %.0f\n", u+s, w, r/1024}' "$log"
}
best() {
  local name="$1"
  shift
  local line best_line="" best_cpu=""
  for _ in $(seq "$runs"); do
    line=$(measure "$@")
    cpu=${line%% *}
    if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN {exit !(a < b)}'; then
      best_cpu=$cpu
      best_line=$line
    fi
  done
  read -r c w r <<<"$best_line"
  printf '%-28s cpu=%6.2fs wall=%6.2fs peak_rss=%5d MiB\n' "$name" "$c" "$w" "$r" >&2
  echo "$c"
}
g=$(best "cfn-guard (3 rules)" "$guard" validate --data "$cfn" --rules benches/cfn-guard-logging.guard --show-summary none)
b1=$(best "blindspot (all rules, 1 thread)" "$bin" scan "$cfn" --threads 1 --no-progress --format json)
b=$(best "blindspot (all rules, all threads)" "$bin" scan "$cfn" --no-progress --format json)
awk -v g="$g" -v b="$b" -v b1="$b1" 'BEGIN {
  printf "CPU cfn-guard / blindspot: %.1fx (all threads), %.1fx (1 thread); target >= 5x\n", g / b, g / b1 }'
