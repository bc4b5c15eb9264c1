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

# Only the TLS Deny of S3-08: deletions over TLS stay allowed (its resource does not matter).
resource "aws_s3_bucket" "flows" {
  bucket = "acme-flow-logs"
}

resource "aws_s3_bucket_policy" "flows" {
  bucket = aws_s3_bucket.flows.id
  policy = jsonencode({ # expect: LOG-03
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.flows.arn, "${aws_s3_bucket.flows.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.flows.arn
}
