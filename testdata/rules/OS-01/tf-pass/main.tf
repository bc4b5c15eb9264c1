# expect: none
resource "aws_cloudwatch_log_group" "search" {
  name              = "/aws/opensearch/search"
  retention_in_days = 365
}

resource "aws_opensearch_domain" "main" {
  domain_name    = "main"
  engine_version = "OpenSearch_2.11"
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}

# Elasticsearch 5.6 has no audit logs (6.7 and later); its application log is published.
resource "aws_elasticsearch_domain" "old" {
  domain_name           = "old"
  elasticsearch_version = "5.6"
  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}

# No version written: the provider documents no default, so the domain is not judged.
resource "aws_elasticsearch_domain" "unversioned" {
  domain_name = "unversioned"
}
