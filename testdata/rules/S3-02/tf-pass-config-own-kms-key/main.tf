# The Config delivery channel encrypts what it delivers with its own KMS key.
resource "aws_kms_key" "config" {
  description         = "AWS Config"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "config" {
  bucket = "acme-config-snapshots"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "config" {
  bucket = aws_s3_bucket.config.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: none
    }
  }
}

resource "aws_config_delivery_channel" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.config.id
  s3_kms_key_arn = aws_kms_key.config.arn
}
