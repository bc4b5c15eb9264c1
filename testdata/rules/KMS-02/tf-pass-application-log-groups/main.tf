# A Lambda function's own log group is not a security log group: nothing in the scan
# delivers security logs to it and the configuration does not list it. Its key is an
# application key, and sharing it with a queue is not KMS-02's business.
resource "aws_kms_key" "app" { # expect: none
  description         = "application data"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "lambda" {
  name              = "/aws/lambda/orders"
  retention_in_days = 14
  kms_key_id        = aws_kms_key.app.arn
}

resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.app.arn
}
