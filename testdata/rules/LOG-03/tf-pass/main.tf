# expect: none
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyLogDeletion"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutLifecycleConfiguration"]
        Resource  = "arn:aws:s3:::${aws_s3_bucket.trail.bucket}/*"
        Condition = {
          ArnNotEquals = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/break-glass" }
        }
      },
    ]
  })
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# No policy, but every object is locked in COMPLIANCE mode for 400 days.
resource "aws_s3_bucket" "config" {
  bucket              = "acme-config-history"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "config" {
  bucket = aws_s3_bucket.config.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 400
    }
  }
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.bucket
}
