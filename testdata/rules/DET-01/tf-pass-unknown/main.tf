# expect: none
variable "enable_guardduty" {
  type = bool
}

# Unknown: reported only with --strict.
resource "aws_guardduty_detector" "main" {
  enable = var.enable_guardduty
}
