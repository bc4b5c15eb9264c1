resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = jsonencode({ # expect: S3-06
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AnyoneCanList"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["s3:ListBucket", "s3:GetObject"]
        Resource  = [aws_s3_bucket.trail.arn, "${aws_s3_bucket.trail.arn}/*"]
      },
    ]
  })
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
