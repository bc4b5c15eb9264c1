resource "aws_s3_bucket" "trail" {
  bucket              = "acme-cloudtrail-logs"
  object_lock_enabled = true # expect: S3-04
}

# A lock configuration without a rule sets no default retention.
resource "aws_s3_bucket_object_lock_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
