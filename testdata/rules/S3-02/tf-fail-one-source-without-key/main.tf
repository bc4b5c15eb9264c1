# The trail brings its own KMS key, but the flow logs land in the bucket with its SSE-S3
# default: the exemption needs every source to encrypt with its own key.
resource "aws_kms_key" "trail" {
  description         = "CloudTrail"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: S3-02
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.logs.id
  kms_key_id     = aws_kms_key.trail.arn
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.logs.arn
}
