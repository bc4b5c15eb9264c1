resource "aws_wafv2_web_acl" "web" { # expect: WAF-01
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

resource "aws_wafv2_web_acl" "badly_named" {
  name = "badly-named"
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
  name              = "waf-logs"
  retention_in_days = 365
}

resource "aws_wafv2_web_acl_logging_configuration" "badly_named" {
  resource_arn            = aws_wafv2_web_acl.badly_named.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn] # expect: WAF-01
}

resource "aws_wafv2_web_acl" "literal_bucket" {
  name = "literal-bucket"
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

resource "aws_wafv2_web_acl_logging_configuration" "literal_bucket" {
  resource_arn            = aws_wafv2_web_acl.literal_bucket.arn
  log_destination_configs = ["arn:aws:s3:::acme-waf-logs"] # expect: WAF-01
}

resource "aws_waf_web_acl" "classic" { # expect: WAF-01
  name        = "classic"
  metric_name = "classic"
  default_action {
    type = "ALLOW"
  }
}
