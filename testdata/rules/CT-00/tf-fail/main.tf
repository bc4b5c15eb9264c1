resource "aws_cloudtrail" "regional" { # expect: CT-00
  name                       = "eu-west-1-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  enable_log_file_validation = true
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}
