resource "aws_cloudtrail_event_data_store" "audit" {
  name                           = "audit-lake"
  retention_period               = 2555
  termination_protection_enabled = false # expect: CT-10
}
