resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

# Management events only. The finding sits on the multi-region trail...
resource "aws_cloudtrail" "org" { # expect: CT-08
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

# ...not on this single-region one.
resource "aws_cloudtrail" "regional" {
  name           = "eu-west-1-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
