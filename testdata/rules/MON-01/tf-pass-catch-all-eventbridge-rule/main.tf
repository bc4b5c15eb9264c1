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


resource "aws_cloudwatch_event_rule" "all" {
  name           = "everything"
  event_pattern  = <<-EOF
    { "source": [{ "prefix": "" }] }
  EOF
}

resource "aws_cloudwatch_event_target" "all" {
  rule           = aws_cloudwatch_event_rule.all.name
  arn            = "arn:aws:logs:us-east-1:123456789012:log-group:everything"
}
