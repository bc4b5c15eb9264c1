# expect: none
resource "aws_kms_key" "lake" {
  description         = "CloudTrail Lake encryption"
  enable_key_rotation = true
}

resource "aws_cloudtrail_event_data_store" "audit" {
  name                           = "audit-lake"
  retention_period               = 365
  termination_protection_enabled = true
  multi_region_enabled           = true
  kms_key_id                     = aws_kms_key.lake.arn
}
