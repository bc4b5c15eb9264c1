# blindspot:ignore CT-04 trail events go to the SIEM through S3, not CloudWatch
resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = "acme-cloudtrail-logs"
  is_multi_region_trail      = false
  enable_log_file_validation = false
}
