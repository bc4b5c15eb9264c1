# expect: none
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}

resource "aws_flow_log" "a" {
  subnet_id       = aws_subnet.a.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::flow-logs"
  log_destination_type = "s3"
}

resource "aws_flow_log" "b" {
  subnet_id       = aws_subnet.b.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::flow-logs"
  log_destination_type = "s3"
}
