# A rule on CloudTrail-delivered STS API calls is a security rule (services.md §5.4,
# condition 3), though no canonical CIS event is an STS call.
resource "aws_sns_topic" "security" {
  name = "security"
}

resource "aws_cloudwatch_event_rule" "sts" {
  name          = "sts-api-calls"
  state         = "DISABLED" # expect: EB-02
  event_pattern = jsonencode({
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail        = { eventSource = ["sts.amazonaws.com"] }
  })
}

resource "aws_cloudwatch_event_target" "sts" {
  rule = aws_cloudwatch_event_rule.sts.name
  arn  = aws_sns_topic.security.arn
}
