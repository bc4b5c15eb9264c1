# The configuration lists this log group as a security log group (`log_groups`, see
# case.toml): its key is a log key.
resource "aws_kms_key" "shared" { # expect: KMS-02
  description         = "shared key"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "siem" {
  name              = "siem-forwarding"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.shared.arn
}

resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.shared.arn
}
