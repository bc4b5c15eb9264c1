resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

# is_multi_region_trail is omitted: the provider default is false.
# expect: CT-01
resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  enable_log_file_validation = true
}
