resource "aws_cloudtrail_event_data_store" "audit" { # expect: CT-11
  name = "audit-lake"
}

resource "aws_cloudtrail_event_data_store" "empty_key" {
  name       = "audit-lake-2"
  kms_key_id = "" # expect: CT-11
}
