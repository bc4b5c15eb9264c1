variable "bucket" {
  type = string
}

resource "aws_cloudtrail" "this" {
  count                 = 1
  name                  = "audit"
  is_multi_region_trail = false
  s3_bucket_name        = var.bucket
}
