/* blindspot:ignore CT-01 sandbox account, other regions denied by SCP */
resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-cloudtrail-logs"
  is_multi_region_trail      = false
  enable_log_file_validation = false
}
