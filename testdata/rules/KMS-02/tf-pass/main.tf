# expect: none
# One log key for the trail, its log group and its bucket; applications use another key.
resource "aws_kms_key" "logs" {
  description         = "audit logs"
  enable_key_rotation = true
}

resource "aws_kms_alias" "logs" {
  name          = "alias/audit-logs"
  target_key_id = aws_kms_key.logs.key_id
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
  }
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/org-trail"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudtrail" "org" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  kms_key_id                 = aws_kms_key.logs.arn
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}

# Granting and allowing use of the key is not using it.
resource "aws_iam_policy" "log_readers" {
  name   = "log-readers"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "${aws_kms_key.logs.arn}"
    }
  ]
}
EOF
}

resource "aws_kms_grant" "siem" {
  name              = "siem"
  key_id            = aws_kms_key.logs.key_id
  grantee_principal = "arn:aws:iam::111122223333:role/siem"
  operations        = ["Decrypt"]
}

resource "aws_kms_key" "app" {
  description         = "application data"
  enable_key_rotation = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = aws_kms_key.app.arn
}
