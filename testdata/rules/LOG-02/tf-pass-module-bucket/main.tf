# expect: none
# The bucket comes from a module: whether it uses the trail's provider configuration
# is not judged (silent).
module "archive" {
  source = "./archive"
}

resource "aws_cloudtrail" "org" {
  name                  = "org-trail"
  s3_bucket_name        = module.archive.bucket
  is_multi_region_trail = true
}
