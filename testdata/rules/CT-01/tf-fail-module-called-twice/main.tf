# expect: none
# One module, two calls: one finding in the module with both instances listed.
module "a" {
  source = "./modules/trail"
  name   = "trail-a"
}

module "b" {
  source = "./modules/trail"
  name   = "trail-b"
}
