# expect: none
resource "aws_kms_key" "trail" {
  description         = "CloudTrail log encryption"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
  kms_key_id            = "arn:aws:kms:eu-west-1:111122223333:key/${aws_kms_key.trail.key_id}"
}
