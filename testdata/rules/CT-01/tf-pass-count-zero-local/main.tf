# expect: none
locals {
  enabled = length(compact(["", ""])) > 0
}

resource "aws_cloudtrail" "off" {
  count          = local.enabled ? 1 : 0
  name           = "off"
  s3_bucket_name = "acme-cloudtrail-logs"
}
