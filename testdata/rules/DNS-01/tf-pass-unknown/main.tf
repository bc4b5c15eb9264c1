# expect: none
variable "zone_id" {
  type = string
}

resource "aws_cloudwatch_log_group" "dns" {
  name = "/aws/route53/example.com"
}

resource "aws_route53_zone" "public" {
  name = "example.com"
}

# The query log's zone is unknown: it may be this zone (reported only with --strict).
resource "aws_route53_query_log" "some" {
  zone_id                  = var.zone_id
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.dns.arn
}
