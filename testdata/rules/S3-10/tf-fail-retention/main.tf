resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail/"
}

resource "aws_s3_bucket" "access_logs" {
  bucket              = "acme-s3-access-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  rule {
    default_retention { # expect: S3-10
      mode = "GOVERNANCE"
      days = 90
    }
  }
}
