# expect: none
variable "all_regions" {
  type = bool
}

# Unknown: reported only with --strict.
resource "aws_config_configuration_aggregator" "organization" {
  name = "organization"

  organization_aggregation_source {
    all_regions = var.all_regions
    role_arn    = "arn:aws:iam::123456789012:role/config-aggregator"
  }
}
