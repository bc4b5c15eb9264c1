resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

# enable_log_file_validation defaults to false.
resource "aws_cloudtrail" "main" { # expect: CT-02
  name                  = "org-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
}
