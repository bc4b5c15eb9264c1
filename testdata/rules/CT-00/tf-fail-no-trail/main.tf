resource "aws_s3_bucket" "logs" { # expect: CT-00
  # A logging bucket, but no trail anywhere in the baseline.
  bucket = "acme-audit-logs"
}
