# expect: none
resource "aws_cloudwatch_log_group" "dns" {
  name              = "/aws/resolver/main"
  retention_in_days = 365
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_route53_resolver_query_log_config" "main" {
  name            = "main"
  destination_arn = aws_cloudwatch_log_group.dns.arn
}

resource "aws_route53_resolver_query_log_config_association" "main" {
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.main.id
  resource_id                  = aws_vpc.main.id
}

# A configuration shared from another account, by id.
resource "aws_vpc" "shared" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_route53_resolver_query_log_config_association" "shared" {
  resolver_query_log_config_id = "rqlc-0123456789abcdef"
  resource_id                  = aws_vpc.shared.id
}
