resource "aws_lb" "web" { # expect: LB-01
  name    = "web"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb" "api" {
  name    = "api"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  access_logs {
    bucket  = "acme-lb-logs"
    enabled = false # expect: LB-01
  }
}

# `enabled` defaults to false inside the block, even with a bucket.
resource "aws_alb" "admin" {
  name    = "admin"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  # expect: LB-01
  access_logs {
    bucket = "acme-lb-logs"
  }
}

# A network load balancer with a TLS listener.
resource "aws_lb" "nlb" { # expect: LB-01
  name               = "tls"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_lb_listener" "tls" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 443
  protocol          = "TLS"
  certificate_arn   = "arn:aws:acm:us-east-1:111122223333:certificate/1234abcd-12ab-34cd-56ef-1234567890ab"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/tls/0123456789abcdef"
  }
}

# Connection logs do not count as access logs.
resource "aws_lb" "vended_wrong_type" { # expect: LB-01
  name    = "vended"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_cloudwatch_log_delivery_source" "conn" {
  name         = "vended-connection-logs"
  log_type     = "ALB_CONNECTION_LOGS"
  resource_arn = aws_lb.vended_wrong_type.arn
}

resource "aws_cloudwatch_log_delivery_destination" "s3" {
  name = "lb-logs"
  delivery_destination_configuration {
    destination_resource_arn = "arn:aws:s3:::acme-lb-logs"
  }
}

resource "aws_cloudwatch_log_delivery" "conn" {
  delivery_source_name     = aws_cloudwatch_log_delivery_source.conn.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.s3.arn
}

resource "aws_elb" "classic" {
  name               = "classic"
  availability_zones = ["us-east-1a"]
  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
  access_logs {
    bucket  = "acme-lb-logs"
    enabled = false # expect: LB-01
  }
}

resource "aws_elb" "classic_none" { # expect: LB-01
  name               = "classic-none"
  availability_zones = ["us-east-1a"]
  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}
