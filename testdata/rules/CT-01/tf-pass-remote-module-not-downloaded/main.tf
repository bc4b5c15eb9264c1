# expect: none
# Not downloaded: reported once as a note, its outputs are unknown, no finding.
module "trail" {
  source  = "cloudposse/cloudtrail/aws"
  version = "0.24.0"
  name    = "org"
}

resource "aws_cloudtrail" "uses_output" {
  name                  = "second"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = module.trail.multi_region
}
