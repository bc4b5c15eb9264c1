terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.25.0, < 7.0"
    }
  }
}

resource "aws_cloudwatch_log_group" "flow" {
  name                        = "/vpc/flow-logs"
  retention_in_days           = 365
  deletion_protection_enabled = false # expect: LOG-01
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
}
