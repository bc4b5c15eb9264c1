#!/usr/bin/env bash
# Installs the real consumers of blindspot's reports for tests/consumers.rs, from package
# registries only, into target/ci-tools (skipped if already there):
#   - the Microsoft SARIF multitool (npm @microsoft/sarif-multitool, self-contained binary),
#     whose `validate --rule-kind "Gh;Sarif"` applies GitHub code scanning's ingestion rules;
#   - junitparser (PyPI), a JUnit XML reader as CI test-report views use.
# A tool that cannot be installed (no npm/pip, offline) is skipped: the tests that need it
# print a message and pass. Takes well under a minute when the registries answer.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
dest=target/ci-tools
mkdir -p "$dest"
if [ ! -x "$dest/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ] && command -v npm >/dev/null; then
  timeout 300 npm install --silent --no-audit --no-fund --prefix "$dest/npm" @microsoft/sarif-multitool@5.7.0 >/dev/null 2>&1 \
    || echo "ci-consumers: could not install @microsoft/sarif-multitool (tests will skip)"
  chmod u+x "$dest"/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool 2>/dev/null || true
fi
if [ ! -d "$dest/py/junitparser" ] && command -v python3 >/dev/null; then
  timeout 300 python3 -m pip install --quiet --disable-pip-version-check --target "$dest/py" junitparser==5.0.3 >/dev/null 2>&1 \
    || echo "ci-consumers: could not install junitparser (tests will skip)"
fi
exit 0
