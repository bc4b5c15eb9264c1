resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

# A regional trail that was meant to sit next to an organisation trail.
resource "aws_cloudtrail" "regional" {
  name                          = "eu-west-1-trail"
  s3_bucket_name                = aws_s3_bucket.trail.id
  enable_log_file_validation    = true
  include_global_service_events = false # expect: CT-06
}
