resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-cloudtrail-logs"
  is_multi_region_trail      = false #trivy:ignore:AVD-AWS-0014
  enable_log_file_validation = false
}
