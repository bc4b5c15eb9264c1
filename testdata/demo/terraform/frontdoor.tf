# The public front door of the shop: CloudFront -> WAF -> ALB -> EKS, an API Gateway
# REST API for partners, and the orders database. Some of it logs, some of it does not.

resource "aws_subnet" "app" {
  for_each          = { a = "10.20.1.0/24", b = "10.20.2.0/24" }
  vpc_id            = aws_vpc.main.id
  cidr_block        = each.value
  availability_zone = "${var.region}${each.key}"
}

resource "aws_security_group" "alb" {
  name   = "${var.name_prefix}-alb"
  vpc_id = aws_vpc.main.id
}

# ALB access logs go to a bucket of their own (ALB log delivery supports SSE-S3 only).
resource "aws_lb" "web" {
  name               = "${var.name_prefix}-web"
  load_balancer_type = "application"
  subnets            = [for s in aws_subnet.app : s.id]
  security_groups    = [aws_security_group.alb.id]

  access_logs {
    bucket  = aws_s3_bucket.alb_logs.id
    prefix  = "web"
    enabled = true
  }
}

resource "aws_s3_bucket" "alb_logs" {
  bucket = "${var.name_prefix}-alb-access-logs"
}

resource "aws_s3_bucket_versioning" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "alb_logs" {
  bucket                  = aws_s3_bucket.alb_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ElbLogDelivery"
        Effect    = "Allow"
        Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.alb_logs.arn}/web/AWSLogs/${var.account_id}/*"
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.alb_logs.arn, "${aws_s3_bucket.alb_logs.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

# The web ACL in front of the ALB has no logging configuration: blocked requests leave
# no trace.
resource "aws_wafv2_web_acl" "web" {
  name  = "${var.name_prefix}-web"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-common"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name_prefix}-web"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = aws_wafv2_web_acl.web.arn
}

# CloudFront in front of the ALB, without standard logs.
resource "aws_cloudfront_distribution" "web" {
  enabled = true
  comment = "${var.name_prefix} shop"

  origin {
    domain_name = aws_lb.web.dns_name
    origin_id   = "alb"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "alb"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    forwarded_values {
      query_string = true
      cookies {
        forward = "all"
      }
    }
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

# Partner API: access logs are written, execution logs are not (no method settings).
resource "aws_api_gateway_rest_api" "partners" {
  name = "${var.name_prefix}-partners"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "partners", version = "1.0" }
    paths = {
      "/orders" = {
        get = {
          x-amazon-apigateway-integration = {
            type                 = "HTTP_PROXY"
            httpMethod           = "GET"
            uri                  = "https://orders.example.com/orders"
            payloadFormatVersion = "1.0"
          }
        }
      }
    }
  })
}

resource "aws_api_gateway_deployment" "partners" {
  rest_api_id = aws_api_gateway_rest_api.partners.id
  triggers = {
    redeployment = sha1(aws_api_gateway_rest_api.partners.body)
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "partners_prod" {
  rest_api_id   = aws_api_gateway_rest_api.partners.id
  deployment_id = aws_api_gateway_deployment.partners.id
  stage_name    = "prod"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId = "$context.requestId", ip = "$context.identity.sourceIp", caller = "$context.identity.caller",
      requestTime = "$context.requestTime", httpMethod = "$context.httpMethod",
      resourcePath = "$context.resourcePath", status = "$context.status"
    })
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.name_prefix}-partners/access"
  retention_in_days = 400
  kms_key_id        = aws_kms_key.logs.arn
}

# The orders database exports no logs to CloudWatch Logs.
resource "aws_db_instance" "orders" {
  identifier                  = "${var.name_prefix}-orders"
  engine                      = "postgres"
  engine_version              = "17.4"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  username                    = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
  db_subnet_group_name        = aws_db_subnet_group.orders.name
  skip_final_snapshot         = false
  final_snapshot_identifier   = "${var.name_prefix}-orders-final"
}

resource "aws_db_subnet_group" "orders" {
  name       = "${var.name_prefix}-orders"
  subnet_ids = [for s in aws_subnet.app : s.id]
}

# The application cluster sends its audit and authenticator logs.
resource "aws_eks_cluster" "app" {
  name                      = "${var.name_prefix}-app"
  role_arn                  = aws_iam_role.eks.arn
  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  vpc_config {
    subnet_ids = [for s in aws_subnet.app : s.id]
  }
}

resource "aws_iam_role" "eks" {
  name = "${var.name_prefix}-eks-cluster"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "eks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "eks" {
  role       = aws_iam_role.eks.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
}
