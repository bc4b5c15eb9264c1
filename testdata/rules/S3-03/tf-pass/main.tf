# expect: none
resource "aws_s3_bucket" "trail" {
  bucket              = "acme-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# Server access log destination: Object Lock default retention would block delivery,
# so it is exempt from this rule.
resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-s3-access-logs"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail/"
}

# Plain application bucket without Object Lock: not a log bucket.
resource "aws_s3_bucket" "assets" {
  bucket = "acme-web-assets"
}
