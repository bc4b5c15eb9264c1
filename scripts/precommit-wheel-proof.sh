#!/usr/bin/env bash
# Proves the README's compiler-free pre-commit setup (a `repo: local` hook with
# `language: python` and the wheel as its only dependency, as ruff-pre-commit does):
# installs pre-commit in a throwaway venv, makes a sample repository whose config names
# WHEEL (a path standing in for `blindspot-iac==<version>` from PyPI), and runs
#   pre-commit run blindspot --files <a .tf file with a gap>
# which must fail with the CT-01 finding, without cargo on PATH.
# Usage: scripts/precommit-wheel-proof.sh WHEEL [WORKDIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
wheel="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/pre-commit" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
fi
export PRE_COMMIT_HOME="$work/cache"
sample="$work/sample"
rm -rf "$sample"
mkdir -p "$sample"
cd "$sample"
git init -q .
git config user.email proof@example.invalid
git config user.name proof
cat > main.tf <<'TF'
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = false
  enable_log_file_validation = true
}
TF
# A CloudFormation template named `.template`: pre-commit's `identify` gives it no type, so
# the hooks select files by name (issue: a `types_or` filter skipped it).
cat > trail.template <<'CFN'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: acme-cloudtrail-logs
      IsMultiRegionTrail: false
CFN
files_re="$(grep -m1 "^  files: " "$repo/.pre-commit-hooks.yaml" | sed "s/^  files: //")"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: local
    hooks:
      - id: blindspot
        name: blindspot
        language: python
        additional_dependencies: ["$wheel"]
        entry: blindspot scan --rule CT-01
        files: $files_re
        require_serial: true
YAML
git add -A
# No compiler: the hook environment must come from the wheel alone.
set +e
PATH="$(dirname "$(command -v python3)"):/usr/bin:/bin" "$work/venv/bin/pre-commit" run blindspot --files main.tf > "$work/output.txt" 2>&1
code=$?
set -e
cat "$work/output.txt"
[ "$code" = 1 ] || { echo "FAILED: pre-commit exited $code, expected 1 (a finding)"; exit 1; }
grep -q "CT-01" "$work/output.txt" || { echo "FAILED: no CT-01 finding in the hook output"; exit 1; }
# Every hook in .pre-commit-hooks.yaml uses the same file filter as the one proved here.
[ "$(grep -c "^  files: " "$repo/.pre-commit-hooks.yaml")" = "$(grep -c "^- id: " "$repo/.pre-commit-hooks.yaml")" ] ||
  { echo "FAILED: a hook in .pre-commit-hooks.yaml has no files filter"; exit 1; }
[ "$(grep "^  files: " "$repo/.pre-commit-hooks.yaml" | sort -u | wc -l)" = 1 ] ||
  { echo "FAILED: the hooks' files filters differ"; exit 1; }
set +e
PATH="$(dirname "$(command -v python3)"):/usr/bin:/bin" "$work/venv/bin/pre-commit" run blindspot --files trail.template > "$work/output-template.txt" 2>&1
code=$?
set -e
cat "$work/output-template.txt"
[ "$code" = 1 ] || { echo "FAILED: pre-commit exited $code on trail.template, expected 1 (a finding)"; exit 1; }
grep -q "CT-01" "$work/output-template.txt" || { echo "FAILED: no CT-01 finding for trail.template"; exit 1; }
echo "ok: the wheel-based pre-commit hook ran without compiling, on a .tf file and on a .template"
