# expect: none
variable "bus" {}

resource "aws_cloudwatch_event_rule" "all" {
  name           = "everything"
  event_bus_name = var.bus
  event_pattern  = <<-EOF
    { "source": [{ "prefix": "" }] }
  EOF
}

resource "aws_cloudwatch_event_target" "all" {
  rule           = aws_cloudwatch_event_rule.all.name
  event_bus_name = var.bus
  arn            = "arn:aws:logs:us-east-1:123456789012:log-group:everything"
}
