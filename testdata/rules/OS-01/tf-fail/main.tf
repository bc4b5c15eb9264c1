resource "aws_cloudwatch_log_group" "search" {
  name              = "/aws/opensearch/search"
  retention_in_days = 365
}

resource "aws_opensearch_domain" "none" { # expect: OS-01
  domain_name = "none"
}

resource "aws_opensearch_domain" "audit_only" {
  domain_name = "audit-only"
  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
    master_user_options {
      master_user_name     = "admin"
      master_user_password = "Change-me-1"
    }
  }
  log_publishing_options { # expect: OS-01
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}

resource "aws_opensearch_domain" "audit_disabled" {
  domain_name = "audit-disabled"
  log_publishing_options { # expect: OS-01
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
    enabled                  = false
  }
  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}

resource "aws_elasticsearch_domain" "legacy" { # expect: OS-01
  domain_name           = "legacy"
  elasticsearch_version = "7.10"
}
