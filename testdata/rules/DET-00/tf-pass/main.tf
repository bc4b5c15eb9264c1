# expect: none
resource "aws_guardduty_detector" "main" {
  enable = true
}
