resource "aws_db_instance" "mysql" { # expect: DB-01
  engine                      = "mysql"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "admin"
  manage_master_user_password = true
}

resource "aws_db_instance" "postgres" {
  engine                          = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "admin"
  manage_master_user_password = true
  enabled_cloudwatch_logs_exports = ["upgrade"] # expect: DB-01
}

resource "aws_rds_cluster" "aurora" {
  engine                          = "aurora-mysql"
  master_username                 = "admin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["error", "slowquery"] # expect: DB-01
}

resource "aws_docdb_cluster" "documents" { # expect: DB-01
  master_username = "admin"
  master_password = "change-me-please"
}

resource "aws_neptune_cluster" "graph" {
  enable_cloudwatch_logs_exports = ["slowquery"] # expect: DB-01
}

resource "aws_db_instance" "sqlserver" { # expect: DB-01
  engine            = "sqlserver-ex"
  license_model     = "license-included"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "admin"
  manage_master_user_password = true
}
