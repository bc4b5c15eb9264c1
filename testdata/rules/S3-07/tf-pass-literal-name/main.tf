# expect: none
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = "acme-cloudtrail-logs"
  target_bucket = "acme-s3-access-logs"
  target_prefix = "cloudtrail/"
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = "acme-cloudtrail-logs"
}
