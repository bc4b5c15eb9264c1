resource "aws_cloudwatch_log_group" "firewall" {
  name              = "/aws/network-firewall/alerts"
  retention_in_days = 365
}

resource "aws_networkfirewall_firewall" "unlogged" { # expect: NFW-01
  name                = "unlogged"
  firewall_policy_arn = "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/main"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef0"
  }
}

resource "aws_networkfirewall_firewall" "alerts_only" {
  name                = "alerts-only"
  firewall_policy_arn = "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/main"
  vpc_id              = "vpc-0123456789abcdef0"
  subnet_mapping {
    subnet_id = "subnet-0123456789abcdef0"
  }
}

resource "aws_networkfirewall_logging_configuration" "alerts_only" {
  firewall_arn = aws_networkfirewall_firewall.alerts_only.arn
  logging_configuration {
    log_destination_config { # expect: NFW-01
      log_type             = "ALERT"
      log_destination_type = "CloudWatchLogs"
      log_destination = {
        logGroup = "/aws/network-firewall/alerts"
      }
    }
  }
}
