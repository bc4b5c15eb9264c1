# expect: none
# The module exists only if var.enabled, which is not known: no definite finding inside.
variable "enabled" {
  type = bool
}

module "trail" {
  source = "./trail"
  count  = var.enabled ? 1 : 0
}
