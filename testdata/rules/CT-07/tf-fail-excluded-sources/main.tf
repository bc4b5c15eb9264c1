# Excluding event sources drops their management events (SH CloudTrail.1, Config
# cloudtrail-security-trail-enabled: "does not exclude any management events").
resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = true

  event_selector {
    read_write_type                  = "All"
    include_management_events        = true
    exclude_management_event_sources = ["kms.amazonaws.com", "rdsdata.amazonaws.com"] # expect: CT-07
  }
}
