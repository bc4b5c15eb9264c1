# expect: none
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"

  versioning {
    enabled = true
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-web-assets"
}
