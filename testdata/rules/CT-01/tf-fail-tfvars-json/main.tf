variable "trail" {
  type = object({
    name  = string
    multi = optional(bool, false)
  })
}

resource "aws_cloudtrail" "main" {
  name                  = var.trail.name
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = var.trail.multi # expect: CT-01
}
