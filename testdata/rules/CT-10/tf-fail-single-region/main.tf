resource "aws_cloudtrail_event_data_store" "audit" {
  name                 = "audit-lake"
  multi_region_enabled = false # expect: CT-10
}
