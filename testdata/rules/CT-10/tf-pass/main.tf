# expect: none
# All defaults: 2555 days, termination protection on, all regions.
resource "aws_cloudtrail_event_data_store" "audit" {
  name = "audit-lake"
}
