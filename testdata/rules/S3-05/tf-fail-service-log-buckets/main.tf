# Buckets that services write to are log buckets (services.md section 0).
resource "aws_s3_bucket" "redshift" { # expect: S3-05
  bucket = "acme-redshift-audit"
}

resource "aws_redshift_cluster" "main" {
  cluster_identifier     = "main"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
}

resource "aws_redshift_logging" "main" {
  cluster_identifier   = aws_redshift_cluster.main.id
  log_destination_type = "s3"
  bucket_name          = aws_s3_bucket.redshift.id
}

resource "aws_s3_bucket" "firewall" { # expect: S3-05
  bucket = "acme-firewall-flows"
}

resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall/main"
  logging_configuration {
    log_destination_config {
      log_type             = "FLOW"
      log_destination_type = "S3"
      log_destination = {
        bucketName = aws_s3_bucket.firewall.bucket
      }
    }
  }
}

resource "aws_s3_bucket" "resolver" { # expect: S3-05
  bucket = "acme-resolver-logs"
}

resource "aws_route53_resolver_query_log_config" "main" {
  name            = "main"
  destination_arn = aws_s3_bucket.resolver.arn
}

# A plain bucket: no finding.
resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"
}
