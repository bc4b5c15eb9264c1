variable "name" {
  type = string
}

variable "multi" {
  type = bool
}

resource "aws_cloudtrail" "main" {
  name                       = var.name
  s3_bucket_name             = "acme-cloudtrail-logs"
  is_multi_region_trail      = var.multi # expect: CT-01
  enable_log_file_validation = true
}
