# expect: none
# Every row of "Unknown, silent": unknown type, unknown enabled, unknown listener
# protocol, and a delivery source whose resource is unknown.
variable "lb_type" {
  type = string
}

variable "logs_on" {
  type = bool
}

variable "protocol" {
  type = string
}

variable "some_lb_arn" {
  type = string
}

resource "aws_lb" "typed" {
  name               = "typed"
  load_balancer_type = var.lb_type
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_lb" "toggled" {
  name    = "toggled"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  access_logs {
    bucket  = "acme-lb-logs"
    enabled = var.logs_on
  }
}

resource "aws_lb" "nlb" {
  name               = "nlb"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_lb_listener" "maybe_tls" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 443
  protocol          = var.protocol
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/tls/0123456789abcdef"
  }
}

resource "aws_lb" "maybe_vended" {
  name    = "maybevended"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_cloudwatch_log_delivery_source" "unknown" {
  name         = "some-access-logs"
  log_type     = "ALB_ACCESS_LOGS"
  resource_arn = var.some_lb_arn
}

resource "aws_cloudwatch_log_delivery_destination" "logs" {
  name = "lb-access"
  delivery_destination_configuration {
    destination_resource_arn = "arn:aws:logs:us-east-1:111122223333:log-group:/lb/access"
  }
}

resource "aws_cloudwatch_log_delivery" "unknown" {
  delivery_source_name     = aws_cloudwatch_log_delivery_source.unknown.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.logs.arn
}
