# The lock file selects AWS provider 6.25.0: deletion_protection_enabled exists (default false).
resource "aws_cloudwatch_log_group" "trail" { # expect: LOG-01
  name              = "/aws/cloudtrail/org-trail"
  retention_in_days = 365
}

resource "aws_s3_bucket" "trail" {
  bucket        = "acme-cloudtrail-logs"
  force_destroy = true # expect: LOG-01
}

resource "aws_cloudtrail" "org" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}

# Not a log store: not judged.
resource "aws_s3_bucket" "scratch" {
  bucket        = "acme-scratch"
  force_destroy = true
}
