# A WAF log group is a security log group (services.md section 0).
resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-web"
  retention_in_days = 30 # expect: CW-01
}

resource "aws_wafv2_web_acl" "web" {
  name  = "web"
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

resource "aws_wafv2_web_acl_logging_configuration" "web" {
  resource_arn            = aws_wafv2_web_acl.web.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
}
