# expect: none
variable "cluster" {
  type = string
}

resource "aws_redshift_cluster" "main" {
  cluster_identifier          = "main"
  node_type                   = "ra3.xlplus"
  master_username             = "admin"
  manage_master_password      = true
}

# The logging's cluster is unknown: it may be this cluster (reported only with --strict).
resource "aws_redshift_logging" "some" {
  cluster_identifier   = var.cluster
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog"]
}
