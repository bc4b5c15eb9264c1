# expect: none
variable "vpc_id" {}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id          = var.vpc_id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::flow-logs"
  log_destination_type = "s3"
}
