resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"

  versioning {
    enabled = false # expect: S3-05
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
