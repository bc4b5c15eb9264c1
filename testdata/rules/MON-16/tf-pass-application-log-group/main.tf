# expect: none
resource "aws_cloudwatch_log_group" "app" {
  name              = "app/logs"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_metric_filter" "cis_03" {
  name           = "RootAccountUsage"
  log_group_name = aws_cloudwatch_log_group.app.name
  pattern        = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"

  metric_transformation {
    name      = "RootAccountUsage"
    namespace = "CISBenchmark"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "cis_03" {
  alarm_name          = "RootAccountUsage"
  metric_name         = "RootAccountUsage"
  namespace           = "CISBenchmark"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
}
