# expect: none
# The EventBridge User Guide spells the sign-in detail-type "AWS Console Signin via
# CloudTrail"; a rule written that way covers console sign-in failures (services.md 5.3).
resource "aws_cloudtrail" "main" {
  name                  = "org"
  s3_bucket_name        = "org-trail-logs"
  is_multi_region_trail = true
}

resource "aws_sns_topic" "alarms" {
  name = "security-alarms"
}

resource "aws_cloudwatch_event_rule" "signin_failures" {
  name          = "console-signin-failures"
  event_pattern = <<-EOF
    {
      "source": ["aws.signin"],
      "detail-type": ["AWS Console Signin via CloudTrail"],
      "detail": {
        "eventName": ["ConsoleLogin"],
        "errorMessage": ["Failed authentication"]
      }
    }
  EOF
}

resource "aws_cloudwatch_event_target" "signin_failures" {
  rule = aws_cloudwatch_event_rule.signin_failures.name
  arn  = aws_sns_topic.alarms.arn
}
