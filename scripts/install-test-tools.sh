#!/usr/bin/env bash
# Installs the external tools some tests use, when they are missing (CI calls this).
# Terraform and its AWS provider mirror come with the machine (/usr/local/bin/terraform,
# /opt/tf-plugins); cfn-lint comes from PyPI, pinned so its rule set does not drift.
# Nothing here is fatal: tests whose tool is missing skip with a message.
set -u
CFN_LINT_VERSION=1.51.0
if ! command -v cfn-lint >/dev/null 2>&1 && ! python3 -c 'import cfnlint' >/dev/null 2>&1; then
    if command -v python3 >/dev/null 2>&1; then
        python3 -m pip install --quiet --disable-pip-version-check "cfn-lint==${CFN_LINT_VERSION}" \
            || python3 -m pip install --quiet --user --disable-pip-version-check "cfn-lint==${CFN_LINT_VERSION}" \
            || echo "install-test-tools: could not install cfn-lint; its test will skip" >&2
    else
        echo "install-test-tools: python3 not found; the cfn-lint and terraform tests will skip" >&2
    fi
fi
# Neovim, for the editor smoke test of `blindspot lsp` (tests/lsp.rs): from the Debian
# packages when apt-get can be used (a few seconds); the test skips without it.
if ! command -v nvim >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends neovim >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends neovim >/dev/null 2>&1; }; } \
        || echo "install-test-tools: could not install neovim; the Neovim smoke test will skip" >&2
fi
