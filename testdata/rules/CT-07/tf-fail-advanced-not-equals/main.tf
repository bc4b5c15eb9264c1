# An advanced management selector with eventSource not_equals drops those sources' events.
resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = true

  advanced_event_selector {
    name = "Management events except KMS"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }

    field_selector {
      field      = "eventSource"
      not_equals = ["kms.amazonaws.com"] # expect: CT-07
    }
  }
}
