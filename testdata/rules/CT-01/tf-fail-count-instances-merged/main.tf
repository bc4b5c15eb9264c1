# Three instances, all single-region: one finding at the header listing all three.
variable "trail_count" {
  default = 3
}

# expect: CT-01
resource "aws_cloudtrail" "legacy" {
  count          = var.trail_count
  name           = "legacy-${count.index}"
  s3_bucket_name = "acme-cloudtrail-logs"
}
