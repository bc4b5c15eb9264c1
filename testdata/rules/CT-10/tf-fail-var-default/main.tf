variable "lake_retention_days" {
  type    = number
  default = 180
}

resource "aws_cloudtrail_event_data_store" "audit" {
  name             = "audit-lake"
  retention_period = var.lake_retention_days # expect: CT-10
}
