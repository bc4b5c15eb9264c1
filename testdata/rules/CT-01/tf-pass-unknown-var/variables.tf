# expect: none
variable "multi_region" {
  type = bool
}
