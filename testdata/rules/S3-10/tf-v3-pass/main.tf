# expect: none
resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-s3-access-logs"
  acl    = "log-delivery-write"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"

  logging {
    target_bucket = aws_s3_bucket.access_logs.id
    target_prefix = "cloudtrail/"
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
}
