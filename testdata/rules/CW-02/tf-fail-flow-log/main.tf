resource "aws_cloudwatch_log_group" "flow" { # expect: CW-02
  name              = "/vpc/flow-logs"
  retention_in_days = 365
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
  log_destination = aws_cloudwatch_log_group.flow.arn
}
