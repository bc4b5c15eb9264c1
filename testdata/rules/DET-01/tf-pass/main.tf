# expect: none
resource "aws_guardduty_detector" "main" {
  enable = true
}

# enable defaults to true.
resource "aws_guardduty_detector" "default" {}
