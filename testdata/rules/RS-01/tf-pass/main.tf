# expect: none
resource "aws_s3_bucket" "audit" {
  bucket = "acme-redshift-audit"
}

resource "aws_redshift_cluster" "s3" {
  cluster_identifier          = "s3"
  node_type                   = "ra3.xlplus"
  master_username             = "admin"
  manage_master_password      = true
}

resource "aws_redshift_logging" "s3" {
  cluster_identifier   = aws_redshift_cluster.s3.id
  log_destination_type = "s3"
  bucket_name          = aws_s3_bucket.audit.id
}

# CloudWatch Logs without an export list: not judged.
resource "aws_redshift_cluster" "cloudwatch" {
  cluster_identifier          = "cloudwatch"
  node_type                   = "ra3.xlplus"
  master_username             = "admin"
  manage_master_password      = true
}

resource "aws_redshift_logging" "cloudwatch" {
  cluster_identifier   = "cloudwatch"
  log_destination_type = "cloudwatch"
}

# Provider v5 inline logging block.
resource "aws_redshift_cluster" "inline" {
  cluster_identifier          = "inline"
  node_type                   = "ra3.xlplus"
  master_username             = "admin"
  manage_master_password      = true
  logging {
    enable      = true
    bucket_name = aws_s3_bucket.audit.id
  }
}

resource "aws_redshiftserverless_namespace" "serverless" {
  namespace_name = "serverless"
  log_exports    = ["userlog", "connectionlog", "useractivitylog"]
}
