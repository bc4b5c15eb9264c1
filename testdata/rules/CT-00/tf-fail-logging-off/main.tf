resource "aws_s3_bucket" "trail" { # expect: CT-00
  bucket = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "org" {
  name                  = "org-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
  enable_logging        = false
}
