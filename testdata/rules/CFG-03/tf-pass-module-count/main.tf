# expect: none
module "rec" {
  count   = 2
  source  = "./mod"
  region  = count.index == 0 ? "a" : "b"
  enabled = true
}
