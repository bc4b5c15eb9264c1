# expect: none
# The whole monitoring chain in a module, called once per region: each trail is
# covered by its own instance's filter and alarm.
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
  name      = "east"
}

module "west" {
  source    = "./mod"
  providers = { aws = aws.west }
  name      = "west"
}
