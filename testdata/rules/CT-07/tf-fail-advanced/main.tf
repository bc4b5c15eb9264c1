resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

# Advanced selectors with no eventCategory = Management record no management events.
resource "aws_cloudtrail" "data_events" {
  name                  = "data-events"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true

  advanced_event_selector { # expect: CT-07
    name = "All S3 object events"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
  }
}
