# Whether the trail exists is unknown (count depends on a variable without a value): its
# suppressions are not judged.
variable "trails" {
  type = number
}

resource "aws_cloudtrail" "extra" {
  count          = var.trails
  name           = "extra-${count.index}"
  s3_bucket_name = "acme-cloudtrail-logs"
  # blindspot:ignore CT-01 regional by design # expect: none
  is_multi_region_trail = false
  enable_log_file_validation = true
}
