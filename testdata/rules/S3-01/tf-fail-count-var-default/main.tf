variable "encrypt" {
  type    = bool
  default = false
}

resource "aws_s3_bucket" "trail" { # expect: S3-01
  bucket = "acme-cloudtrail-logs"
}

# Disabled by the variable's default: the bucket ends up without a configuration.
resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  count  = var.encrypt ? 1 : 0
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
