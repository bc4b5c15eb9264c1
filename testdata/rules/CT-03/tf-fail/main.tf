resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

# No kms_key_id: log files get only SSE-S3.
resource "aws_cloudtrail" "main" { # expect: CT-03
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
