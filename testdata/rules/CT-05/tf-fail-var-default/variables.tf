# expect: none
variable "trail_enabled" {
  description = "Switch the trail on (set to false while migrating)"
  type        = bool
  default     = false
}
