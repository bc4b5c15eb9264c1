# expect: none
# A single-region trail next to the account's baseline trail (multi-region, logging, all
# management events): CT-01 asks for one such trail per account (services.md 5.3).
resource "aws_cloudtrail" "org" {
  name                  = "org"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = true
}

resource "aws_cloudtrail" "regional_data" {
  name           = "regional-data"
  s3_bucket_name = "acme-cloudtrail-logs"
}
