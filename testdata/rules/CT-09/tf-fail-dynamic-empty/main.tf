variable "insights" {
  default = []
}

# An empty dynamic block decides: the finding points at it.
resource "aws_cloudtrail" "main" {
  name                  = "org"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = true

  # expect: CT-09
  dynamic "insight_selector" {
    for_each = var.insights
    content {
      insight_type = insight_selector.value
    }
  }
}
