# expect: none
# Checkov's access-logging check (CKV_AWS_18) looks at every bucket; blindspot's S3-07 only
# at buckets that receive CloudTrail logs. Finding nothing here does not make the skip stale.
resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets" # checkov:skip=CKV_AWS_18:static assets, no access logs needed
}
