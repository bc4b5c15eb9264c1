# expect: none
variable "multi_region" {
  description = "Record API calls of every region"
  type        = bool
  default     = false
}
