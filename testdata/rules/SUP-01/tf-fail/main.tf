resource "aws_cloudtrail" "main" {
  name           = "org-trail"
  s3_bucket_name = "acme-cloudtrail-logs"
  # expect: SUP-01
  # blindspot:ignore CT-01
  is_multi_region_trail = false
}

# expect: SUP-01
# blindspot:ignore
resource "aws_cloudtrail" "other" {
  name           = "other-trail"
  s3_bucket_name = "acme-cloudtrail-logs"
}
