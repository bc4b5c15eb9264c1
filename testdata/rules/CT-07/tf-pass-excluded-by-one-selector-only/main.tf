# expect: none
# One selector excludes KMS events, another records every source: nothing is dropped.
resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = true

  event_selector {
    read_write_type                  = "All"
    include_management_events        = true
    exclude_management_event_sources = ["kms.amazonaws.com"]
  }

  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }
}
