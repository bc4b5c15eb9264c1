resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_versioning" "trail" {
  bucket = aws_s3_bucket.trail.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id

  rule {
    id     = "cost"
    status = "Enabled"
    filter {}

    expiration {
      days = 90 # expect: S3-11
    }
    noncurrent_version_expiration {
      noncurrent_days = 30 # expect: S3-11
    }
  }

  rule {
    id     = "cutoff"
    status = "Enabled"
    filter {
      prefix = "AWSLogs/"
    }
    expiration {
      date = "2027-01-01T00:00:00Z" # expect: S3-11
    }
  }

  # Not applied: disabled, another prefix, cleanup actions only.
  rule {
    id     = "disabled"
    status = "Disabled"
    filter {}
    expiration {
      days = 1
    }
  }

  rule {
    id     = "scratch"
    status = "Enabled"
    filter {
      prefix = "scratch/"
    }
    expiration {
      days = 1
    }
  }

  rule {
    id     = "markers"
    status = "Enabled"
    filter {}
    expiration {
      expired_object_delete_marker = true
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
