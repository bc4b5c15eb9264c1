# expect: none
# A regional trail that does not qualify...
resource "aws_cloudtrail" "regional" {
  name           = "eu-west-1-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# ...and the account-wide one that does.
resource "aws_cloudtrail" "org" {
  name                  = "org-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
}
