# expect: none
# A delivery source whose log type is unknown may deliver access logs: silent.
variable "log_type" {
  type = string
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = "origin.example.com"
    origin_id   = "origin"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "origin"
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudwatch_log_delivery_source" "maybe" {
  name         = "maybe-access"
  log_type     = var.log_type
  resource_arn = aws_cloudfront_distribution.site.arn
}

resource "aws_cloudwatch_log_delivery_destination" "logs" {
  name = "cdn"
  delivery_destination_configuration {
    destination_resource_arn = "arn:aws:s3:::acme-cdn-logs"
  }
}

resource "aws_cloudwatch_log_delivery" "maybe" {
  delivery_source_name     = aws_cloudwatch_log_delivery_source.maybe.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.logs.arn
}
