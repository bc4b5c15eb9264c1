resource "aws_cloudtrail_event_data_store" "audit" {
  name             = "audit-lake"
  retention_period = 90 # expect: CT-10
}
