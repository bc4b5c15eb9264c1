# expect: none
resource "aws_wafv2_web_acl" "web" {
  name = "web"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}

resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-web"
  retention_in_days = 365
}

resource "aws_wafv2_web_acl_logging_configuration" "web" {
  resource_arn            = aws_wafv2_web_acl.web.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
  logging_filter {
    default_behavior = "DROP"
    filter {
      behavior    = "KEEP"
      requirement = "MEETS_ANY"
      condition {
        action_condition {
          action = "BLOCK"
        }
      }
    }
  }
}

resource "aws_wafv2_web_acl" "firehose" {
  name = "firehose"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_logging_configuration" "firehose" {
  resource_arn            = aws_wafv2_web_acl.firehose.arn
  log_destination_configs = ["arn:aws:firehose:us-east-1:111122223333:deliverystream/aws-waf-logs-firehose"]
}

resource "aws_waf_web_acl" "classic" {
  name        = "classic"
  metric_name = "classic"
  default_action {
    type = "ALLOW"
  }
  logging_configuration {
    log_destination = "arn:aws:firehose:us-east-1:111122223333:deliverystream/aws-waf-logs-classic"
  }
}
