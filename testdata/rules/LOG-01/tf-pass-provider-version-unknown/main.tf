# No lock file and no required_providers lower bound: whether the provider has
# deletion_protection_enabled (v6.25.0+) is unknown, so the log group is not judged.
resource "aws_cloudwatch_log_group" "trail" { # expect: none
  name              = "/aws/cloudtrail/org-trail"
  retention_in_days = 365
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "org" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}

variable "destroyable" {
  type = bool
}

# force_destroy unknown: silent.
resource "aws_s3_bucket" "config" {
  bucket        = "acme-config-history"
  force_destroy = var.destroyable
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.bucket
}
