# expect: none
resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-cloudtrail-logs"
  # blindspot:ignore CT-01 sandbox account, other regions are denied by an SCP
  is_multi_region_trail      = false
  enable_log_file_validation = false #tfsec:ignore:aws-cloudtrail-enable-log-validation
}
