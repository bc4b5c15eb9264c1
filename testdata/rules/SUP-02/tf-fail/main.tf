resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-cloudtrail-logs"
  # expect: SUP-02
  # blindspot:ignore CT-01 was single-region once
  is_multi_region_trail      = true
  enable_log_file_validation = true # checkov:skip=CKV_AWS_36:stale # expect: SUP-02
}

# expect: SUP-02
# blindspot:ignore CT-99 no such rule
resource "aws_s3_bucket" "logs" {
  bucket = "acme-cloudtrail-logs" # checkov:skip=CKV_AWS_18:not a blindspot check, left alone
}
