# expect: none
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
  acl    = "private"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-web-assets"
  acl    = "private"
}
