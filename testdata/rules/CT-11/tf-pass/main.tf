# expect: none
resource "aws_kms_key" "lake" {
  description         = "CloudTrail Lake"
  enable_key_rotation = true
}

resource "aws_cloudtrail_event_data_store" "audit" {
  name       = "audit-lake"
  kms_key_id = aws_kms_key.lake.arn
}

resource "aws_cloudtrail_event_data_store" "literal" {
  name       = "audit-lake-2"
  kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
