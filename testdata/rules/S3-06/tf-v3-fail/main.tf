resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
  acl    = "public-read-write" # expect: S3-06

  versioning {
    enabled = true
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
