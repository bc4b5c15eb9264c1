# expect: none
# terraform.tfvars says false, but z.auto.tfvars is applied later and says true.
variable "multi_region" {
  type = bool
}

resource "aws_cloudtrail" "main" {
  name                  = "org"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = var.multi_region
}
