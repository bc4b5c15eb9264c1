# Only the "eu" instance is single-region: one finding, naming aws_cloudtrail.this["eu"].
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
  is_multi_region_trail = each.value.multi # expect: CT-01
}
