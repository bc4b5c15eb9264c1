# expect: none
variable "engine" {
  type = string
}

variable "exports" {
  type = list(string)
}

# Unknown engine, unknown export list: reported only with --strict.
resource "aws_db_instance" "any_engine" {
  engine = var.engine
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "admin"
  manage_master_user_password = true
}

resource "aws_db_instance" "any_exports" {
  engine                          = "mysql"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "admin"
  manage_master_user_password = true
  enabled_cloudwatch_logs_exports = var.exports
}

# No engine (a replica): the engine is the source's. Undecided: reported only with
# --strict, as "engine is not set".
resource "aws_db_instance" "replica" {
  replicate_source_db = "source-db"
  instance_class      = "db.t3.micro"
}
