# No bucket policy at all.
resource "aws_s3_bucket" "trail" { # expect: LOG-03
  bucket = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# A Deny that forgets s3:DeleteObjectVersion (old versions can still be removed).
resource "aws_s3_bucket" "config" {
  bucket = "acme-config-history"
}

resource "aws_s3_bucket_policy" "config" {
  bucket = aws_s3_bucket.config.id
  policy = jsonencode({ # expect: LOG-03
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:DeleteObject"
      Resource  = "arn:aws:s3:::${aws_s3_bucket.config.bucket}/*"
    }]
  })
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.bucket
}
