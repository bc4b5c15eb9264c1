# expect: none
variable "alarm_topic_arn" {
  type = string
}

resource "aws_sns_topic" "findings" {
  name = "guardduty-findings"
}

resource "aws_cloudwatch_event_rule" "guardduty" {
  name          = "guardduty-findings"
  event_pattern = jsonencode({ source = ["aws.guardduty"] })
}

resource "aws_cloudwatch_event_target" "guardduty" {
  rule = aws_cloudwatch_event_rule.guardduty.name
  arn  = aws_sns_topic.findings.arn
}

# A subscription whose topic is unknown may be this topic's: undecided (--strict only).
resource "aws_sns_topic_subscription" "someone" {
  topic_arn = var.alarm_topic_arn
  protocol  = "email"
  endpoint  = "security@example.com"
}
