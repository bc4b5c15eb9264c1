# expect: none
resource "aws_cloudwatch_log_group" "msk" {
  name              = "/aws/msk/main"
  retention_in_days = 365
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

resource "aws_mq_broker" "activemq" {
  broker_name        = "activemq"
  engine_type        = "ActiveMQ"
  engine_version     = "5.17.6"
  host_instance_type = "mq.m5.large"
  user {
    username = "admin"
    password = "change-me-please"
  }
  logs {
    general = true
    audit   = true
  }
}

# RabbitMQ has no audit log.
resource "aws_mq_broker" "rabbit" {
  broker_name        = "rabbit"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"
  user {
    username = "admin"
    password = "change-me-please"
  }
  logs {
    general = true
  }
}
