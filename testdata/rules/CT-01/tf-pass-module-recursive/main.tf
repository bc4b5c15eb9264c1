# expect: none
# A module calling itself: the recursion is reported as a note and stops.
module "self" {
  source = "./"
}

resource "aws_cloudtrail" "main" {
  name                  = "org"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = true
}
