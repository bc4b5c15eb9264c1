resource "aws_cloudtrail" "org" { # expect: CT-00
  # The only multi-region trail excludes KMS management events: it does not record all
  # management events, so the account has no baseline trail (services.md 5.3).
  name                  = "org"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = true

  event_selector {
    read_write_type                  = "All"
    include_management_events        = true
    exclude_management_event_sources = ["kms.amazonaws.com"]
  }
}
