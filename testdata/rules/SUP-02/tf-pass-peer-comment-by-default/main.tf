# Without --unused-peer-suppressions, another tool's comment is that tool's business.
resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-cloudtrail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true # checkov:skip=CKV_AWS_36:stale # expect: none
}
