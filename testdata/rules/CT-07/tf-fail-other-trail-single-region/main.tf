resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "writes" {
  name                  = "org-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true

  event_selector {
    read_write_type = "WriteOnly" # expect: CT-07
  }
}

# Records all management events, but of one region only: does not cover the gap.
resource "aws_cloudtrail" "regional" {
  name           = "eu-west-1-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}
