variable "name" {}

# expect: CT-01
resource "aws_cloudtrail" "main" {
  name           = var.name
  s3_bucket_name = "acme-cloudtrail-logs"
}
