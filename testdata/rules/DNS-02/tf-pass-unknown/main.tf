# expect: none
variable "vpc_id" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# The association's VPC is unknown: it may be this VPC (reported only with --strict).
resource "aws_route53_resolver_query_log_config_association" "some" {
  resolver_query_log_config_id = "rqlc-0123456789abcdef"
  resource_id                  = var.vpc_id
}
