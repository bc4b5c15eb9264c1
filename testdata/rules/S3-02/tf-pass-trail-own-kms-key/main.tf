# The trail encrypts its log files with its own KMS key: the objects are SSE-KMS whatever
# the bucket default (services.md §5.3).
resource "aws_kms_key" "trail" {
  description         = "CloudTrail"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: none
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
  kms_key_id     = aws_kms_key.trail.arn
}
