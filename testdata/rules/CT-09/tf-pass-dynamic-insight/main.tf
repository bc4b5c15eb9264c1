# expect: none
variable "insights" {
  default = ["ApiCallRateInsight", "ApiErrorRateInsight"]
}

resource "aws_cloudtrail" "main" {
  name                  = "org"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = true

  dynamic "insight_selector" {
    for_each = toset(var.insights)
    content {
      insight_type = insight_selector.value
    }
  }
}
