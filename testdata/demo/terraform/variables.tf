variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "name_prefix" {
  type    = string
  default = "acme"
}

variable "account_id" {
  description = "Management account"
  type        = string
  default     = "111122223333"
}

variable "trail_log_retention_days" {
  type    = number
  default = 30
}
