resource "aws_api_gateway_stage" "logged" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  stage_name    = "prod"
  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api-access"
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_stage" "silent" { # expect: GUARD:KIND_STAGE_ACCESS_LOGS
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  stage_name    = "dev"
}

resource "aws_db_instance" "main" {
  identifier                      = "main"
  engine                          = "mysql"
  instance_class                  = "db.t3.micro"
  allocated_storage               = 20
  username                        = "admin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["error"] # expect: GUARD:KIND_DB_EXPORTS_AUDIT
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:search-audit"
    enabled                  = false # expect: GUARD:KIND_SEARCH_AUDIT_LOGS
  }
}

resource "aws_cloudfront_distribution" "site" { # expect: GUARD:KIND_CDN_LOGGING
  enabled = true

  origin {
    domain_name = "www.example.com"
    origin_id   = "web"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "web"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
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

resource "aws_s3_bucket" "versioned" {
  bucket = "acme-versioned"
}

resource "aws_s3_bucket_versioning" "versioned" {
  bucket = aws_s3_bucket.versioned.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "suspended" {
  bucket = "acme-suspended"
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = "acme-suspended"
  versioning_configuration {
    status = "Suspended" # expect: GUARD:KIND_BUCKET_VERSIONED
  }
}

resource "aws_sns_topic" "alerts" { # expect: GUARD:KIND_TOPIC_KMS
  name = "alerts"
}
