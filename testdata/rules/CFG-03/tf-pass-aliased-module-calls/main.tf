# expect: none
provider "aws" {
  alias  = "east"
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

module "east" {
  source    = "./mod"
  providers = { aws = aws.east }
  region    = "a"
  enabled   = true
}

module "west" {
  source    = "./mod"
  providers = { aws = aws.west }
  region    = "b"
  enabled   = true
}

# The same pair in the root module, one per aliased provider.
resource "aws_config_configuration_recorder" "east" {
  provider = aws.east
  name     = "root"
  role_arn = "arn:aws:iam::123456789012:role/config"
}

resource "aws_config_configuration_recorder" "west" {
  provider = aws.west
  name     = "root"
  role_arn = "arn:aws:iam::123456789012:role/config"
}

resource "aws_config_configuration_recorder_status" "east" {
  provider   = aws.east
  name       = "root"
  is_enabled = true
}

resource "aws_config_configuration_recorder_status" "west" {
  provider   = aws.west
  name       = "root"
  is_enabled = true
}
