# expect: none
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
    id     = "retain-logs"
    status = "Enabled"
    filter {}
    transition {
      days          = 30
      storage_class = "GLACIER"
    }
    expiration {
      days = 400
    }
    noncurrent_version_expiration {
      noncurrent_days = 400
    }
  }

  # Keeps the 3 newest noncurrent versions whatever their age.
  rule {
    id     = "versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days           = 30
      newer_noncurrent_versions = 3
    }
  }

  # Tagged objects only: delivered logs carry no tags.
  rule {
    id     = "tagged"
    status = "Enabled"
    filter {
      tag {
        key   = "temporary"
        value = "true"
      }
    }
    expiration {
      days = 1
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# Not a log bucket: not judged.
resource "aws_s3_bucket" "scratch" {
  bucket = "acme-scratch"
}

resource "aws_s3_bucket_lifecycle_configuration" "scratch" {
  bucket = aws_s3_bucket.scratch.id
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    expiration {
      days = 1
    }
  }
}
