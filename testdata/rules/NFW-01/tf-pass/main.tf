# expect: none
resource "aws_cloudwatch_log_group" "firewall" {
  name              = "/aws/network-firewall/alerts"
  retention_in_days = 365
}

resource "aws_s3_bucket" "flows" {
  bucket = "acme-firewall-flows"
}

resource "aws_networkfirewall_firewall" "main" {
  name                = "main"
  firewall_policy_arn = "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/main"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef0"
  }
}

resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = aws_networkfirewall_firewall.main.arn
  logging_configuration {
    log_destination_config {
      log_type             = "ALERT"
      log_destination_type = "CloudWatchLogs"
      log_destination = {
        logGroup = aws_cloudwatch_log_group.firewall.name
      }
    }
    log_destination_config {
      log_type             = "FLOW"
      log_destination_type = "S3"
      log_destination = {
        bucketName = aws_s3_bucket.flows.bucket
        prefix     = "flows"
      }
    }
  }
}
