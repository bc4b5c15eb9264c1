resource "aws_s3_bucket" "trail" { # expect: S3-01
  bucket = "acme-cloudtrail-logs"
}

# The encryption resource is for another bucket.
resource "aws_s3_bucket_server_side_encryption_configuration" "other" {
  bucket = "acme-other-bucket"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = "acme-cloudtrail-logs"
}
