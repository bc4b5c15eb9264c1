# expect: none
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

# include_global_service_events is omitted: it defaults to true.
resource "aws_cloudtrail" "regional" {
  name                       = "eu-west-1-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  enable_log_file_validation = true
}
