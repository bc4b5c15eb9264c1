# expect: none
resource "aws_s3_bucket" "trail" {
  bucket              = "acme-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    default_retention {
      mode  = "COMPLIANCE"
      years = 1
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# Server access log destination with Object Lock but no default retention: exempt.
resource "aws_s3_bucket" "access_logs" {
  bucket              = "acme-s3-access-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail/"
}

# Plain application bucket with Object Lock but no retention: not a log bucket.
resource "aws_s3_bucket" "records" {
  bucket              = "acme-records"
  object_lock_enabled = true
}
