resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = "acme-s3-access-logs"
  target_prefix = "log/"
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-s3-access-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = "acme-s3-access-logs"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms:dsse" # expect: S3-10
    }
  }
}
