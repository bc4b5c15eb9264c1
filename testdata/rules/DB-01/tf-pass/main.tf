# expect: none
resource "aws_db_instance" "mysql" {
  engine                          = "mysql"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "admin"
  manage_master_user_password = true
  enabled_cloudwatch_logs_exports = ["audit", "error"]
}

resource "aws_db_instance" "postgres" {
  engine                          = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "admin"
  manage_master_user_password = true
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

# SQL Server has no audit export: any export will do.
resource "aws_db_instance" "sqlserver" {
  engine                          = "sqlserver-ex"
  license_model                   = "license-included"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "admin"
  manage_master_user_password = true
  enabled_cloudwatch_logs_exports = ["error"]
}

resource "aws_rds_cluster" "aurora" {
  engine                          = "aurora-postgresql"
  master_username                 = "admin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

# Cluster members: the cluster exports their logs.
resource "aws_rds_cluster_instance" "member" {
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

resource "aws_db_instance" "aurora_member" {
  engine         = "aurora-postgresql"
  instance_class = "db.r6g.large"
}

resource "aws_neptune_cluster" "graph" {
  enable_cloudwatch_logs_exports = ["audit"]
}

resource "aws_docdb_cluster" "documents" {
  master_username                 = "admin"
  master_password                 = "change-me-please"
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
}
