# expect: none
variable "audit_enabled" {
  type = bool
}

variable "engine_version" {
  type = string
}

resource "aws_cloudwatch_log_group" "search" {
  name = "/aws/opensearch/search"
}

# Unknown enabled flag: reported only with --strict.
resource "aws_opensearch_domain" "flag" {
  domain_name = "flag"
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
    enabled                  = var.audit_enabled
  }
  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}

# Unknown version (it decides whether audit and error logs apply): reported only with
# --strict, naming the version.
resource "aws_opensearch_domain" "version" {
  domain_name    = "version"
  engine_version = var.engine_version
}
