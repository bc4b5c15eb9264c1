#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, from its seed corpus
# (built from testdata/ by seeds.sh) with its dictionary. Crashes land in
# fuzz/artifacts/TARGET/ and make this script fail.
#
#   fuzz/run.sh [SECONDS] [TARGET ...]          default: 10 seconds, every target
#
# With cargo-fuzz installed (`cargo install cargo-fuzz`), targets are built by
# `RUSTC_BOOTSTRAP=1 cargo fuzz build` (AddressSanitizer; RUSTC_BOOTSTRAP lets the stable
# toolchain accept its -Z flags). Without it, or with FUZZ_PLAIN=1, they are built by
# plain cargo with libFuzzer's coverage instrumentation, which needs only stable flags.
# Either way a C++ compiler is needed for libFuzzer itself; without one (or on an
# unsupported platform) the script says so and exits 0, as it does when
# BLINDSPOT_SKIP_FUZZ is set.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-10}
shift || true
all=(tf tf_json plan_json cfn_yaml cfn_json filter_pattern event_pattern config suppressions)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

if [ -n "${BLINDSPOT_SKIP_FUZZ:-}" ]; then
    echo "fuzz: skipped (BLINDSPOT_SKIP_FUZZ is set)"
    exit 0
fi
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64 | Linux-aarch64 | Darwin-x86_64 | Darwin-arm64) ;;
    *)
        echo "fuzz: skipped, libFuzzer targets are not supported on $(uname -s)-$(uname -m)"
        exit 0
        ;;
esac
if ! command -v "${CXX:-c++}" >/dev/null; then
    echo "fuzz: skipped, no C++ compiler (${CXX:-c++}) to build libFuzzer"
    exit 0
fi

./seeds.sh
host=$(rustc -vV | sed -n 's/^host: //p')
if [ -z "${FUZZ_PLAIN:-}" ] && cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: building with cargo fuzz (AddressSanitizer)"
    for t in "${targets[@]}"; do
        RUSTC_BOOTSTRAP=1 cargo fuzz build -O "$t"
    done
else
    echo "fuzz: building with plain cargo and coverage instrumentation (no sanitizer)"
    bins=()
    for t in "${targets[@]}"; do bins+=(--bin "$t"); done
    RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks" \
        cargo build --locked --release --target "$host" "${bins[@]}"
fi

dict() {
    case "$1" in
        tf) echo dict/hcl.dict ;;
        tf_json | plan_json | cfn_json) echo dict/json.dict ;;
        cfn_yaml | config) echo dict/yaml.dict ;;
        filter_pattern) echo dict/filter.dict ;;
        event_pattern) echo dict/eventbridge.dict ;;
        suppressions)
            cat dict/hcl.dict dict/yaml.dict > target/suppressions.dict
            echo target/suppressions.dict
            ;;
    esac
}

failed=()
for t in "${targets[@]}"; do
    mkdir -p "artifacts/$t"
    echo "fuzz: $t for ${secs}s"
    if ! "target/$host/release/$t" "corpus/$t" -dict="$(dict "$t")" -max_total_time="$secs" \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="artifacts/$t/" -print_final_stats=1 \
        ${FUZZ_FLAGS:-} 2>"target/$t.log"; then
        failed+=("$t")
    fi
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "target/$t.log" | sed "s/^/fuzz: $t /" || true
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]} (inputs in fuzz/artifacts/, logs in fuzz/target/TARGET.log)"
    exit 1
fi
echo "fuzz: every target ran ${secs}s without a crash"
