resource "aws_sns_topic" "security" {
  name = "security"
}

resource "aws_cloudwatch_event_rule" "guardduty" {
  name          = "guardduty-findings"
  is_enabled    = false # expect: EB-02
  event_pattern = <<-EOF
    { "source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] }
  EOF
}

resource "aws_cloudwatch_event_target" "guardduty" {
  rule = aws_cloudwatch_event_rule.guardduty.name
  arn  = aws_sns_topic.security.arn
}
