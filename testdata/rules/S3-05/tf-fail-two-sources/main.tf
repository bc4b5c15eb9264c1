# One bucket receives CloudTrail and AWS Config logs: one finding, not two.
resource "aws_s3_bucket" "audit" { # expect: S3-05
  bucket = "acme-audit-logs"
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.audit.id
  s3_key_prefix  = "cloudtrail"
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.audit.bucket
  s3_key_prefix  = "config"
}
