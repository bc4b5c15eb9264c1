# The trail writes under org/AWSLogs/: a rule on "org/" applies, one on "other/" does not.
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_lifecycle_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id

  rule {
    id     = "org"
    status = "Enabled"
    filter {
      and {
        prefix                   = "org/"
        object_size_greater_than = 0
      }
    }
    expiration {
      days = 30
    }
  }

  rule {
    id     = "org-logs"
    status = "Enabled"
    filter {
      prefix = "org/AWSLogs/111122223333/"
    }
    expiration {
      days = 30 # expect: S3-11
    }
  }

  rule {
    id     = "other"
    status = "Enabled"
    filter {
      prefix = "other/"
    }
    expiration {
      days = 1
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
  s3_key_prefix  = "org"
}
