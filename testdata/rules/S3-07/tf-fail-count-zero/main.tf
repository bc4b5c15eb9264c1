resource "aws_s3_bucket" "trail" { # expect: S3-07
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-s3-access-logs"
}

resource "aws_s3_bucket_logging" "trail" {
  count         = 0
  bucket        = aws_s3_bucket.trail.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "log/"
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
