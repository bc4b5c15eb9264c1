# CT-11 coupling: the key of a CloudTrail Lake event data store is a log key.
resource "aws_kms_key" "lake" { # expect: KMS-01
  description = "CloudTrail Lake"
}

resource "aws_cloudtrail_event_data_store" "audit" {
  name       = "audit-lake"
  kms_key_id = aws_kms_key.lake.arn
}
