resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-customer-data"
}

# Meant as a data-events trail, but it is the only trail.
resource "aws_cloudtrail" "data_events" {
  name                  = "data-events"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true

  event_selector {
    include_management_events = false # expect: CT-07

    data_resource {
      type   = "AWS::S3::Object"
      values = ["${aws_s3_bucket.data.arn}/"]
    }
  }
}
