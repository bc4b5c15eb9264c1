# expect: none
resource "aws_sns_topic" "security" {
  name = "security"
}

resource "aws_cloudwatch_event_rule" "guardduty" {
  name          = "guardduty-findings"
  event_pattern = <<-EOF
    { "source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] }
  EOF
}

resource "aws_cloudwatch_event_target" "guardduty" {
  rule = "guardduty-findings"
  arn  = aws_sns_topic.security.arn
}
