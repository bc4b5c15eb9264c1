# expect: none
variable "lake_key_arn" {
  type = string
}

# Unknown: reported only with --strict.
resource "aws_cloudtrail_event_data_store" "audit" {
  name       = "audit-lake"
  kms_key_id = var.lake_key_arn
}
