# expect: none
resource "aws_cloudwatch_log_group" "trail" {
  name              = "cloudtrail/org"
  retention_in_days = 365
}

resource "aws_cloudtrail" "main" {
  name                       = "org"
  s3_bucket_name             = "org-trail-logs"
  is_multi_region_trail      = true
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/trail-to-cloudwatch"
}

resource "aws_sns_topic" "alarms" {
  name = "security-alarms"
}

resource "aws_sns_topic_subscription" "alarms" {
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = "security@example.com"
}

resource "aws_cloudwatch_log_metric_filter" "root" {
  name           = "RootAccountUsage"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"

  metric_transformation {
    name      = "RootAccountUsage"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "root" {
  alarm_name          = "RootAccountUsage"
  metric_name         = "RootAccountUsage"
  namespace           = "CISBenchmark"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

# Subscribed by ARN.
resource "aws_sns_topic" "findings" {
  name = "guardduty-findings"
}

resource "aws_sns_topic_subscription" "findings" {
  topic_arn = "arn:aws:sns:us-east-1:123456789012:guardduty-findings"
  protocol  = "sqs"
  endpoint  = "arn:aws:sqs:us-east-1:123456789012:siem"
}

resource "aws_cloudwatch_event_rule" "guardduty" {
  name          = "guardduty-findings"
  event_pattern = jsonencode({ source = ["aws.guardduty"], "detail-type" = ["GuardDuty Finding"] })
}

resource "aws_cloudwatch_event_target" "guardduty" {
  rule = aws_cloudwatch_event_rule.guardduty.name
  arn  = aws_sns_topic.findings.arn
}

# Not security events (an EC2 state change rule): not judged.
resource "aws_sns_topic" "ops" {
  name = "ops"
}

resource "aws_cloudwatch_event_rule" "ec2_state" {
  name          = "ec2-state"
  event_pattern = jsonencode({ source = ["aws.ec2"], "detail-type" = ["EC2 Instance State-change Notification"] })
}

resource "aws_cloudwatch_event_target" "ec2_state" {
  rule = aws_cloudwatch_event_rule.ec2_state.name
  arn  = aws_sns_topic.ops.arn
}
