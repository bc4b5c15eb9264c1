# Only the "eu" instance is single-region: one finding, naming aws_cloudtrail.this["eu"].
# Not logging, so the "us" instance is not a baseline trail exempting "eu" (services.md 5.3).
locals {
  trails = {
    us = { multi = true }
    eu = { multi = false }
  }
}

resource "aws_cloudtrail" "this" {
  for_each              = local.trails
  name                  = "trail-${each.key}"
  s3_bucket_name        = "acme-cloudtrail-logs"
  enable_logging        = false
  is_multi_region_trail = each.value.multi # expect: CT-01
}
