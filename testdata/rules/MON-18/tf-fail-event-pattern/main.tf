resource "aws_cloudwatch_event_rule" "bad" {
  name          = "bad-pattern"
  # expect: MON-18
  event_pattern = <<-EOF
    { "source": ["aws.guardduty"], "detail": { "severity": [{ "numeric": [">", "high"] }] } }
  EOF
}
