resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

# Delivered to S3 only: no log group, no role.
resource "aws_cloudtrail" "main" { # expect: CT-04
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
