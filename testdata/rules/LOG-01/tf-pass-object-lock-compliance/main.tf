# force_destroy cannot delete objects under a COMPLIANCE default retention of 400 days.
resource "aws_s3_bucket" "trail" { # expect: none
  bucket              = "acme-cloudtrail-logs"
  force_destroy       = true
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 400
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
