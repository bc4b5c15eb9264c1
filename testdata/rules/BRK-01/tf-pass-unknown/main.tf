# expect: none
variable "general" {
  type = bool
}

# Unknown flag: reported only with --strict.
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
    general = var.general
  }
}
