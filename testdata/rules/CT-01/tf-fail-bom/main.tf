# A .tf and a terraform.tfvars written with a UTF-8 byte order mark (Windows editors):
# Terraform ignores it.
variable "multi_region" {
  type = bool
}

resource "aws_cloudtrail" "main" {
  name                  = "org"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = var.multi_region # expect: CT-01
}
