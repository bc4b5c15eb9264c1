# expect: none
# The value flows terraform.tfvars -> var.multi_region -> module argument -> resource.
variable "multi_region" {
  type    = bool
  default = true
}

module "audit" {
  source = "./modules/trail"
  name   = "org-trail"
  multi  = var.multi_region
}
