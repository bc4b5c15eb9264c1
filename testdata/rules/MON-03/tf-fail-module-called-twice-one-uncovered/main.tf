# expect: none
# The whole monitoring chain in a module, called once per region: "west" filters the wrong events: its trail is not covered, "east" is.

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
  covered   = true
}

module "west" {
  source    = "./mod"
  providers = { aws = aws.west }
  name      = "west"
  covered   = false
}
