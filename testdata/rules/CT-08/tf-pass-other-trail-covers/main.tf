# expect: none
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-customer-data"
}

resource "aws_cloudtrail" "org" {
  name                  = "org-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
}

# A second trail records the S3 object-level events for the scan.
resource "aws_cloudtrail" "data_events" {
  name           = "data-events"
  s3_bucket_name = aws_s3_bucket.trail.id

  event_selector {
    include_management_events = false

    data_resource {
      type   = "AWS::S3::Object"
      values = ["${aws_s3_bucket.data.arn}/"]
    }
  }
}
