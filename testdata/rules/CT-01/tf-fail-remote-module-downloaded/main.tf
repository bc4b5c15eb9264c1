# expect: none
module "trail" {
  source  = "cloudposse/cloudtrail/aws"
  version = "0.24.0"
  name    = "org"
}
