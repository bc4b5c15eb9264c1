# expect: none
# The trail exists only if var.enabled is true, which is not known: no definite finding.
variable "enabled" {
  type = bool
}

resource "aws_cloudtrail" "maybe" {
  count          = var.enabled ? 1 : 0
  name           = "maybe"
  s3_bucket_name = "acme-cloudtrail-logs"
}
