resource "aws_vpc" "main" { # expect: VPC-01
  cidr_block = "10.0.0.0/16"
}

resource "aws_cloudwatch_log_group" "flow" {
  name              = "vpc-flow-logs"
  retention_in_days = 365
}

# aws_vpc.example is declared nowhere (terraform validate: "Reference to undeclared
# resource"): this flow log covers no VPC of the configuration, so aws_vpc.main has none.
resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.example.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = "arn:aws:iam::123456789012:role/flow-logs"
}
