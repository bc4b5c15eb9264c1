# expect: none
# A suspended detector is DET-01's finding, not DET-00's.
resource "aws_guardduty_detector" "main" {
  enable = false
}
