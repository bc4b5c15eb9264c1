# expect: CT-00
# A logging bucket, but no trail anywhere in the baseline.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-audit-logs"
}
