resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-s3-access-logs"

  object_lock_configuration {
    object_lock_enabled = "Enabled"
    rule {
      default_retention { # expect: S3-10
        mode = "COMPLIANCE"
        days = 30
      }
    }
  }
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"

  logging {
    target_bucket = aws_s3_bucket.access_logs.id
  }
}
