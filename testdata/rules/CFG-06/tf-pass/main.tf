# expect: none
resource "aws_config_configuration_aggregator" "account" {
  name = "accounts"

  account_aggregation_source {
    account_ids = ["123456789012"]
    all_regions = true
  }
}

resource "aws_config_configuration_aggregator" "organization" {
  name = "organization"

  organization_aggregation_source {
    all_regions = true
    role_arn    = "arn:aws:iam::123456789012:role/config-aggregator"
  }
}
