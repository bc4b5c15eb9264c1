resource "aws_s3_bucket" "config" { # expect: CFG-00
  bucket = "config-history"
}
