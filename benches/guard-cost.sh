#!/usr/bin/env bash
# What Guard support costs (issue 15 item 8): release binary size with and without the
# `guard` feature, and corpus scan time (CPU, wall, peak RSS) without a policy, with the
# shipped pack (policies/guard) and with the 20-rule pack (testdata/guard/pack20).
# Whole-process figures from /usr/bin/time; each scan is run $RUNS times (default 1) and
# the least CPU is kept.
#
#   benches/guard-cost.sh [CORPUS]     (default ../shared/corpus or $BLINDSPOT_CORPUS)
#
# Set SKIP_BUILD=1 to reuse target/release/blindspot and /tmp/blindspot-lean.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-${BLINDSPOT_CORPUS:-../shared/corpus}}"
runs="${RUNS:-1}"
if [ ! -d "$corpus" ] || [ ! -x /usr/bin/time ]; then
  echo "guard cost skipped: corpus $corpus or /usr/bin/time missing"
  exit 0
fi
lean=/tmp/blindspot-lean
if [ -z "${SKIP_BUILD:-}" ]; then
  start=$(date +%s)
  cargo build --release --locked --no-default-features --bin blindspot >&2
  echo "lean build (blindspot crate, deps warm): $(( $(date +%s) - start )) s"
  cp target/release/blindspot "$lean"
  touch src/main.rs
  start=$(date +%s)
  cargo build --release --locked --bin blindspot >&2
  echo "default build (blindspot crate, deps warm): $(( $(date +%s) - start )) s"
fi
bin=target/release/blindspot
printf 'binary size: guard %s bytes, lean %s bytes\n' "$(stat -c %s "$bin")" "$(stat -c %s "$lean")"
measure() {
  local log best=""
  log=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>&1 || true
    line=$(awk -F': ' '
      /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {r=$2}
      /Elapsed \(wall clock\)/ {n=split($2, p, ":"); w=0; for (i=1;i<=n;i++) w=w*60+p[i]}
      END {printf "%.2f %.2f %.0f", u+s, w, r/1024}' "$log")
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then best=$line; fi
  done
  rm -f "$log"
  read -r c w r <<<"$best"
  printf 'cpu=%7.2fs wall=%7.2fs peak_rss=%5d MiB\n' "$c" "$w" "$r"
}
echo "lean, no policy:        $(measure "$lean" scan "$corpus" --no-progress --format json)"
echo "guard, no policy:       $(measure "$bin" scan "$corpus" --no-progress --format json)"
echo "guard, policies/guard:  $(measure "$bin" scan "$corpus" --no-progress --format json --policy policies/guard)"
echo "guard, 20-rule pack:    $(measure "$bin" scan "$corpus" --no-progress --format json --policy testdata/guard/pack20)"
