# expect: none
resource "aws_s3_bucket" "access_logs" {
  bucket = "acme-s3-access-logs"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
  acl    = "private"

  logging {
    target_bucket = aws_s3_bucket.access_logs.id
    target_prefix = "cloudtrail/"
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-web-assets"
}
