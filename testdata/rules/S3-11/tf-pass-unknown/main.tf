# expect: none
variable "days" {
  type = number
}

variable "prefix" {
  type = string
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_lifecycle_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id

  # Unknown days.
  rule {
    id     = "days"
    status = "Enabled"
    filter {}
    expiration {
      days = var.days
    }
  }

  # Unknown prefix.
  rule {
    id     = "prefix"
    status = "Enabled"
    filter {
      prefix = var.prefix
    }
    expiration {
      days = 30
    }
  }
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# The delivery prefix of a WAF log destination is not documented: a prefix rule is silent.
resource "aws_s3_bucket" "waf" {
  bucket = "aws-waf-logs-acme"
}

resource "aws_s3_bucket_lifecycle_configuration" "waf" {
  bucket = aws_s3_bucket.waf.id
  rule {
    id     = "waf"
    status = "Enabled"
    filter {
      prefix = "AWSLogs/"
    }
    expiration {
      days = 30
    }
  }
}

resource "aws_wafv2_web_acl" "main" {
  name  = "main"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "main"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_logging_configuration" "main" {
  resource_arn            = aws_wafv2_web_acl.main.arn
  log_destination_configs = [aws_s3_bucket.waf.arn]
}
