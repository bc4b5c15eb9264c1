resource "aws_guardduty_detector" "main" { # expect: DET-02
  # GuardDuty, but no Security Hub anywhere in the baseline.
  enable = true
}
