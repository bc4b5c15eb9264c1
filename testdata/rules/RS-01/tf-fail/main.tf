resource "aws_redshift_cluster" "none" { # expect: RS-01
  cluster_identifier          = "none"
  node_type                   = "ra3.xlplus"
  master_username             = "admin"
  manage_master_password      = true
}

resource "aws_redshift_cluster" "cloudwatch" {
  cluster_identifier          = "cloudwatch"
  node_type                   = "ra3.xlplus"
  master_username             = "admin"
  manage_master_password      = true
}

resource "aws_redshift_logging" "cloudwatch" {
  cluster_identifier   = aws_redshift_cluster.cloudwatch.id
  log_destination_type = "cloudwatch"
  log_exports          = ["useractivitylog", "connectionlog"] # expect: RS-01
}

resource "aws_redshift_cluster" "inline_off" {
  cluster_identifier          = "inline-off"
  node_type                   = "ra3.xlplus"
  master_username             = "admin"
  manage_master_password      = true
  logging {
    enable = false # expect: RS-01
  }
}

resource "aws_redshiftserverless_namespace" "serverless" { # expect: RS-01
  namespace_name = "serverless"
}
