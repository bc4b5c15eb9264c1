# expect: none
# Instance "b" disables its recorder: the finding is about "b" only.
module "rec" {
  for_each = { a = true, b = false, c = true }
  source   = "./mod"
  region   = each.key
  enabled  = each.value
}
