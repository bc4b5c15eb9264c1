# expect: none
# A logging configuration whose web ACL is unknown may cover this one; a destination whose
# name is unknown is not judged.
variable "acl_arn" {
  type = string
}

variable "destination_arn" {
  type = string
}

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

resource "aws_wafv2_web_acl_logging_configuration" "some" {
  resource_arn            = var.acl_arn
  log_destination_configs = ["arn:aws:logs:us-east-1:111122223333:log-group:aws-waf-logs-some"]
}

resource "aws_wafv2_web_acl" "named_unknown" {
  name = "named-unknown"
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

resource "aws_wafv2_web_acl_logging_configuration" "named_unknown" {
  resource_arn            = aws_wafv2_web_acl.named_unknown.arn
  log_destination_configs = [var.destination_arn]
}
