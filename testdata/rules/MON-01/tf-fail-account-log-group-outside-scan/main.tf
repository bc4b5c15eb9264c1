resource "aws_cloudwatch_log_group" "trail" {
  name              = "cloudtrail/org"
  retention_in_days = 365
}

resource "aws_cloudtrail" "main" { # expect: MON-01
  name                       = "org"
  s3_bucket_name             = "org-trail-logs"
  is_multi_region_trail      = true
  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:123456789012:log-group:org-trail:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/trail-to-cloudwatch"
}

resource "aws_sns_topic" "alarms" {
  name = "security-alarms"
}
