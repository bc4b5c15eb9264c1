# expect: none
provider "aws" {
  alias  = "archive"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::999988887777:role/log-archive-admin"
  }
}

# The bucket is created with another provider configuration (the log-archive account).
resource "aws_s3_bucket" "trail" {
  provider = aws.archive
  bucket   = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "org" {
  name                  = "org-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
}

# A bucket outside the scan, by name.
resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "acme-log-archive-config"
}

# A bucket of another log source (S3 server access logs) is not evaluated.
resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-access-logs"
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "data/"
}
