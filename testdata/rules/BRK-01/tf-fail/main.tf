resource "aws_msk_cluster" "unlogged" { # expect: BRK-01
  cluster_name           = "unlogged"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    security_groups = ["sg-0123456789abcdef0"]
  }
}

resource "aws_msk_cluster" "disabled" {
  cluster_name           = "disabled"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    security_groups = ["sg-0123456789abcdef0"]
  }
  logging_info { # expect: BRK-01
    broker_logs {
      cloudwatch_logs {
        enabled = false
      }
    }
  }
}

# The audit log is off by default.
resource "aws_mq_broker" "activemq" { # expect: BRK-01
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
  }
}

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
    general = false # expect: BRK-01
  }
}
