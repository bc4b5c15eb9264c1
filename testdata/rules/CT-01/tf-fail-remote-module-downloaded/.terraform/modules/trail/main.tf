variable "name" {
  type = string
}

variable "multi_region" {
  type    = bool
  default = false
}

resource "aws_cloudtrail" "default" {
  name                  = var.name
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = var.multi_region # expect: CT-01
}
