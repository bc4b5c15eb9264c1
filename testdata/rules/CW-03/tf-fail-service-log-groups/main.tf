# Log groups that services write to are security log groups (services.md section 0).
resource "aws_cloudwatch_log_group" "eks" { # expect: CW-03
  name       = "/aws/eks/prod/cluster"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_eks_cluster" "prod" {
  name                      = "prod"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = ["audit", "authenticator"]
  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }
}

resource "aws_cloudwatch_log_group" "rds" { # expect: CW-03
  name       = "/aws/rds/instance/orders/audit"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_db_instance" "orders" {
  identifier                      = "orders"
  engine                          = "mysql"
  instance_class                  = "db.t3.micro"
  allocated_storage               = 20
  username                        = "admin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["audit"]
}

resource "aws_cloudwatch_log_group" "search" { # expect: CW-03
  name       = "/aws/opensearch/search"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}

# Named by its name only (Network Firewall logGroup).
resource "aws_cloudwatch_log_group" "firewall" { # expect: CW-03
  name       = "/aws/network-firewall/alerts"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall/main"
  logging_configuration {
    log_destination_config {
      log_type             = "ALERT"
      log_destination_type = "CloudWatchLogs"
      log_destination = {
        logGroup = "/aws/network-firewall/alerts"
      }
    }
  }
}

resource "aws_cloudwatch_log_group" "dns" { # expect: CW-03
  name       = "/aws/route53/example.com"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_route53_zone" "public" {
  name = "example.com"
}

resource "aws_route53_query_log" "public" {
  zone_id                  = aws_route53_zone.public.zone_id
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.dns.arn
}

resource "aws_cloudwatch_log_group" "msk" { # expect: CW-03
  name       = "/aws/msk/main"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_msk_cluster" "main" {
  cluster_name           = "main"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    security_groups = ["sg-0123456789abcdef0"]
  }
  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.msk.name
      }
    }
  }
}

# An application log group no service names: not a security log group.
resource "aws_cloudwatch_log_group" "app" {
  name = "/app/orders"
}
