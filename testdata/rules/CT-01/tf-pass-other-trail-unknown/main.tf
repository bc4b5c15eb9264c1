# expect: none
# The other trail may be the baseline trail (its region setting is not known): CT-01 is
# silent on the single-region one (services.md 5.3); --strict names the other trail.
variable "multi_region" {
  type = bool
}

resource "aws_cloudtrail" "org" {
  name                  = "org"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = var.multi_region
}

resource "aws_cloudtrail" "regional_data" {
  name           = "regional-data"
  s3_bucket_name = "acme-cloudtrail-logs"
}
