# expect: none
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  access_logs {
    bucket  = "acme-lb-logs"
    prefix  = "web"
    enabled = true
  }
}

# A CloudWatch Logs vended delivery of ALB_ACCESS_LOGS.
resource "aws_lb" "vended" {
  name    = "vended"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_cloudwatch_log_delivery_source" "access" {
  name         = "vended-access-logs"
  log_type     = "ALB_ACCESS_LOGS"
  resource_arn = aws_lb.vended.arn
}

resource "aws_cloudwatch_log_delivery_destination" "logs" {
  name = "lb-access"
  delivery_destination_configuration {
    destination_resource_arn = "arn:aws:logs:us-east-1:111122223333:log-group:/lb/access"
  }
}

# The source named by its literal name.
resource "aws_cloudwatch_log_delivery" "access" {
  delivery_source_name     = "vended-access-logs"
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.logs.arn
  depends_on               = [aws_cloudwatch_log_delivery_source.access]
}

# Network load balancers without a TLS listener have no access logs to deliver.
resource "aws_lb" "tcp" {
  name               = "tcp"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_lb_listener" "tcp" {
  load_balancer_arn = aws_lb.tcp.arn
  port              = 22
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/tcp/0123456789abcdef"
  }
}

# Nor do network load balancers whose listeners are outside the scan.
resource "aws_lb" "no_listeners" {
  name               = "nolisteners"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_lb" "gateway" {
  name               = "gwlb"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0a1b2c3d"]
}

# Classic: inside the block `enabled` defaults to true.
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
    bucket = "acme-lb-logs"
  }
}
