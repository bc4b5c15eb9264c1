resource "aws_s3_bucket" "trail" { # expect: S3-01
  bucket = "acme-cloudtrail-logs"
}

# count = 0: this encryption configuration does not exist.
resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  count  = 0
  bucket = aws_s3_bucket.trail.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
