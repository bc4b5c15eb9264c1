#!/usr/bin/env bash
# Proves the pre-commit hook with the real pre-commit tool: installs pre-commit in a
# throwaway venv, builds a sample repository and runs
#   pre-commit try-repo <this repo> blindspot --files <one .tf file and one template>
# The .tf file's module directory is scanned (so its link to the bucket in another file
# resolves); findings in other directories are not reported.
# Usage: scripts/precommit-proof.sh [WORKDIR]   (slow the first time: cargo install)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/pre-commit" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet pre-commit
fi
export PRE_COMMIT_HOME="$work/cache"
sample="$work/sample"
rm -rf "$sample"
mkdir -p "$sample/modules/trail" "$sample/other" "$sample/cfn"
cd "$sample"
git init -q .
git config user.email proof@example.invalid
git config user.name proof
cat > modules/trail/main.tf <<'TF'
resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = false
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}
TF
cat > modules/trail/bucket.tf <<'TF'
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}
TF
cat > other/main.tf <<'TF'
# Not passed to the hook: its problems must not be reported.
resource "aws_cloudtrail" "other" {
  name           = "other"
  s3_bucket_name = "x"
}
TF
cat > cfn/trail.yaml <<'YAML'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Metadata:
      blindspot:
        ignore:
          - id: CT-09
            reason: insights are enabled by the security account
    Properties:
      S3BucketName: acme-cloudtrail-logs
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
YAML
git add -A
git commit -qm sample
set +e
"$work/venv/bin/pre-commit" try-repo "$repo" blindspot --files modules/trail/main.tf cfn/trail.yaml
code=$?
set -e
echo "pre-commit exit code: $code"
