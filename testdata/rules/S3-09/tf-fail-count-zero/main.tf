resource "aws_s3_bucket" "config" { # expect: S3-09
  bucket = "acme-config-history"
}

resource "aws_s3_bucket_lifecycle_configuration" "config" {
  count  = 0
  bucket = aws_s3_bucket.config.id
  rule {
    id     = "expire"
    status = "Enabled"
    filter {}
    expiration {
      days = 2555
    }
  }
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.bucket
}
