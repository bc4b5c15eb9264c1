# expect: none
variable "firewall_arn" {
  type = string
}

resource "aws_networkfirewall_firewall" "main" {
  name                = "main"
  firewall_policy_arn = "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/main"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef0"
  }
}

# The logging configuration's firewall is unknown: it may be this one (--strict only).
resource "aws_networkfirewall_logging_configuration" "some" {
  firewall_arn = var.firewall_arn
  logging_configuration {
    log_destination_config {
      log_type             = "ALERT"
      log_destination_type = "S3"
      log_destination = {
        bucketName = "acme-firewall-logs"
      }
    }
  }
}
