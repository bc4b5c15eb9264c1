# The multi-region trail excludes KMS management events: it is not the account's baseline
# trail, so the single-region trail is reported (services.md 5.3).
resource "aws_cloudtrail" "org" {
  name                  = "org"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = true

  event_selector {
    read_write_type                  = "All"
    include_management_events        = true
    exclude_management_event_sources = ["kms.amazonaws.com"]
  }
}

resource "aws_cloudtrail" "regional_data" { # expect: CT-01
  name           = "regional-data"
  s3_bucket_name = "acme-cloudtrail-logs"
}
