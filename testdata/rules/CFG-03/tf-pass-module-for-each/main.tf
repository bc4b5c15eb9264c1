# expect: none
# One baseline module per region: each instance's status starts its own recorder.
module "rec" {
  for_each = toset(["a", "b", "c"])
  source   = "./mod"
  region   = each.key
  enabled  = true
}
