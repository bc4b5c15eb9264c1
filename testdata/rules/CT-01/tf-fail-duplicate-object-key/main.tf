# A repeated key in an object constructor is valid HCL: the later value wins
# (terraform console: {multi = true, multi = false}.multi is false).
locals {
  trail = {
    name  = "org-trail"
    multi = true
    multi = false
  }
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "main" {
  name                       = local.trail.name
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = local.trail.multi # expect: CT-01
  enable_log_file_validation = true
}
