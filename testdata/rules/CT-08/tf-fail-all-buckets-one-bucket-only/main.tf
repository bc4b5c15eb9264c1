# data_events: all_buckets: a selector for one bucket is not enough (SH S3.22/S3.23).
resource "aws_cloudtrail" "org" {
  name                  = "org-trail"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = true

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource { # expect: CT-08
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3:::acme-data/"]
    }
  }
}
