# A key that only encrypts an application's own log group is not a log key (the log group
# is not a security log group), so KMS-01 does not judge its rotation.
resource "aws_kms_key" "app" { # expect: none
  description = "application logs"
}

resource "aws_cloudwatch_log_group" "lambda" {
  name              = "/aws/lambda/orders"
  retention_in_days = 14
  kms_key_id        = aws_kms_key.app.arn
}
