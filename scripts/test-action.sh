#!/usr/bin/env bash
# Runs the steps of action.yml as GitHub would (same env variables, GITHUB_OUTPUT,
# GITHUB_PATH) against a copy of the release layout served on 127.0.0.1, with a locally
# built binary standing in for the release asset:
#  - install by version, by the action's tag, a missing version, a wrong checksum;
#  - scan with several formats, fail-on levels and "never", an unknown format.
# Usage: scripts/test-action.sh PYTHON BLINDSPOT_BINARY   (PYTHON needs PyYAML)
set -euo pipefail
cd "$(dirname "$0")/.."
py="$1"
bin="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAILED: $*"; exit 1; }

"$py" - "$work" <<'PY'
import sys, yaml
action = yaml.safe_load(open("action.yml"))
for step in action["runs"]["steps"]:
    with open(f"{sys.argv[1]}/step-{step['id']}.sh", "w") as f:
        f.write(step["run"])
PY

# The release layout: releases/download/v<version>/<asset> and <asset>.sha256.
t=x86_64-unknown-linux-musl
rel="$work/site/releases/download/v0.1.0"
mkdir -p "$rel" "$work/stage/blindspot-$t"
cp "$bin" "$work/stage/blindspot-$t/blindspot"
tar -C "$work/stage" -czf "$rel/blindspot-$t.tar.gz" "blindspot-$t"
(cd "$rel" && sha256sum "blindspot-$t.tar.gz" > "blindspot-$t.tar.gz.sha256")
port=$(("$$" % 20000 + 20000))
(cd "$work/site" && exec timeout 300 "$py" -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server_pid=$!
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done

install() { # VERSION ACTION_REF -> exit code; outputs in $work/out, $work/path
  rm -rf "$work/runner"
  mkdir -p "$work/runner"
  : >"$work/out"
  : >"$work/path"
  RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$work/runner" INPUT_VERSION="$1" ACTION_REF="$2" \
    BLINDSPOT_REPO="http://127.0.0.1:$port" GITHUB_OUTPUT="$work/out" GITHUB_PATH="$work/path" \
    bash "$work/step-install.sh" >"$work/log" 2>&1
}
install v0.1.0 "" || fail "install v0.1.0: $(cat "$work/log")"
grep -q '^version=blindspot 0.1.0' "$work/out" || fail "install: no version output"
[ -x "$(cat "$work/path")/blindspot" ] || fail "install: nothing on GITHUB_PATH"
install "" v0.1.0 || fail "install from the action's tag: $(cat "$work/log")"
if install 9.9.9 ""; then fail "a missing release installed"; fi
echo "0000  blindspot-$t.tar.gz" >"$rel/blindspot-$t.tar.gz.sha256"
if install 0.1.0 ""; then fail "a wrong checksum was accepted"; fi
grep -q "checksum mismatch" "$work/log" || fail "no checksum message: $(cat "$work/log")"
echo "ok: install (version, action tag, missing release, checksum mismatch)"

scan() { # FORMAT FAIL_ON -> exit code
  rm -rf "$work/reports"
  : >"$work/out"
  PATH="$(dirname "$bin"):$PATH" INPUT_PATHS=testdata/demo INPUT_FORMAT="$1" INPUT_OUTPUT_DIR="$work/reports" \
    INPUT_FAIL_ON="$2" INPUT_CONFIG="" INPUT_ARGS="" GITHUB_OUTPUT="$work/out" \
    bash "$work/step-scan.sh" >"$work/log" 2>&1
}
set +e
scan "sarif,github" low; code=$?
set -e
[ "$code" = 1 ] || fail "scan sarif,github: exit $code, expected 1 (the demo has findings)"
[ -s "$work/reports/blindspot.sarif" ] || fail "no SARIF file"
grep -q "^sarif-file=$work/reports/blindspot.sarif$" "$work/out" || fail "no sarif-file output"
grep -q '^::' "$work/log" || fail "no GitHub annotations in the log"
scan "json, junit" never || fail "fail-on never failed: $(tail -n 3 "$work/log")"
if [ ! -s "$work/reports/blindspot.json" ] || [ ! -s "$work/reports/blindspot.xml" ]; then fail "json/junit files missing"; fi
set +e
scan "bogus" low; code=$?
set -e
[ "$code" = 2 ] || fail "unknown format: exit $code, expected 2"
echo "ok: scan (formats, outputs, fail-on, never, unknown format)"
