# expect: none
resource "aws_kms_key" "logs" {
  description         = "audit logs"
  enable_key_rotation = true
}

# The trail bucket uses SSE-KMS and Object Lock retention: fine, it is not an
# access-log destination.
resource "aws_s3_bucket" "trail" {
  bucket              = "acme-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
  }
}

resource "aws_s3_bucket_object_lock_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail/"
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# Access-log destination without an explicit configuration (S3 default SSE-S3): delivered.
resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-s3-access-logs"
}

# Plain application bucket with SSE-KMS: not a log bucket.
resource "aws_s3_bucket" "assets" {
  bucket = "acme-web-assets"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
