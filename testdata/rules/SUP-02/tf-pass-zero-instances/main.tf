# The trail has no instance under the evaluated variables (extra_trail defaults to null):
# its suppressions hide findings for the users who enable it, so they are not judged.
variable "extra_trail" {
  type    = string
  default = null
}

# checkov:skip=CKV2_AWS_10:the extra trail goes to the SIEM, not CloudWatch # expect: none
# blindspot:ignore CT-01 the extra trail is regional by design
resource "aws_cloudtrail" "extra" {
  count                      = var.extra_trail != null ? 1 : 0
  name                       = var.extra_trail
  s3_bucket_name             = "acme-cloudtrail-logs"
  enable_log_file_validation = true
}
