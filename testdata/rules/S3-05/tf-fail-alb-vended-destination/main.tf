# services.md section 0 "Coupling": the S3 destination of an ALB's CloudWatch Logs vended
# delivery is a log bucket (service_logs_are_security_logs defaults to true).
resource "aws_s3_bucket" "lb_logs" { # expect: S3-05
  bucket = "acme-lb-vended-logs"
}

resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_cloudwatch_log_delivery_source" "access" {
  name         = "web-access"
  log_type     = "ALB_ACCESS_LOGS"
  resource_arn = aws_lb.web.arn
}

resource "aws_cloudwatch_log_delivery_destination" "s3" {
  name = "lb-logs"
  delivery_destination_configuration {
    destination_resource_arn = "${aws_s3_bucket.lb_logs.arn}/web"
  }
}

resource "aws_cloudwatch_log_delivery" "access" {
  delivery_source_name     = aws_cloudwatch_log_delivery_source.access.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.s3.arn
}
