# Provider v3 style inline lifecycle_rule.
resource "aws_s3_bucket" "config" {
  bucket = "acme-config-history"

  versioning {
    enabled = true
  }

  lifecycle_rule {
    id      = "short"
    enabled = true

    expiration {
      days = 180 # expect: S3-11
    }
    noncurrent_version_expiration {
      days = 7 # expect: S3-11
    }
  }

  lifecycle_rule {
    id      = "tagged"
    enabled = true
    tags = {
      temporary = "true"
    }
    expiration {
      days = 1
    }
  }
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.bucket
}
