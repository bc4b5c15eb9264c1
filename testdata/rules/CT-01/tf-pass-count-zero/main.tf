# expect: none
# count = 0: the trail does not exist.
resource "aws_cloudtrail" "disabled" {
  count          = 0
  name           = "disabled"
  s3_bucket_name = "acme-cloudtrail-logs"
}
