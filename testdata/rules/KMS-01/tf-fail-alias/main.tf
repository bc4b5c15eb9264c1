resource "aws_kms_key" "audit" { # expect: KMS-01
  description = "audit logs"
}

resource "aws_kms_alias" "audit" {
  name          = "alias/audit-logs"
  target_key_id = aws_kms_key.audit.key_id
}

resource "aws_s3_bucket" "config" {
  bucket = "acme-config-history"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "config" {
  bucket = aws_s3_bucket.config.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "alias/audit-logs"
    }
  }
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.bucket
}
