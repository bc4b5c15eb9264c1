# A log group that receives VPC flow logs is a security log group: its key is a log key.
resource "aws_kms_key" "shared" { # expect: KMS-02
  description         = "shared key"
  enable_key_rotation = true
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_cloudwatch_log_group" "flow" {
  name              = "vpc-flow-logs"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.shared.arn
}

resource "aws_iam_role" "flow" {
  name = "flow-logs"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "vpc-flow-logs.amazonaws.com" } }]
  })
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = aws_iam_role.flow.arn
}

resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.shared.arn
}
