resource "aws_config_configuration_aggregator" "account" {
  name = "accounts"

  account_aggregation_source { # expect: CFG-06
    account_ids = ["123456789012"]
    regions     = ["us-east-1", "eu-west-1"]
  }
}

resource "aws_config_configuration_aggregator" "organization" {
  name = "organization"

  organization_aggregation_source {
    all_regions = false # expect: CFG-06
    regions     = ["us-east-1"]
    role_arn    = "arn:aws:iam::123456789012:role/config-aggregator"
  }
}
