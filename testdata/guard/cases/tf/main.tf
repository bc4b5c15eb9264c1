variable "days" {
  type = number
}

resource "aws_s3_bucket" "logs" {
  bucket = "org-logs"
}

resource "aws_cloudtrail" "good" {
  name           = "org-main"
  s3_bucket_name = aws_s3_bucket.logs.id
  tags = {
    owner = "security"
  }
}

# Two instances, one finding each place (instances merged).
# expect: GUARD:ORG_TRAIL_OWNER_TAG
resource "aws_cloudtrail" "bad" {
  count          = 2
  name           = "MyTrail-${count.index}" # expect: GUARD:ORG_TRAIL_NAMING
  s3_bucket_name = "org-logs"               # expect: GUARD:ORG_TRAIL_BUCKET_IN_STACK
}

resource "aws_cloudwatch_log_group" "short" {
  name              = "/org/short"
  retention_in_days = 365 # expect: GUARD:ORG_LOG_GROUP_400_DAYS
}

resource "aws_cloudwatch_log_group" "long" {
  name              = "/org/long"
  retention_in_days = 400
}

# Unknown retention: left out of the projection; reported only with --strict.
resource "aws_cloudwatch_log_group" "unknown" {
  name              = "/org/unknown"
  retention_in_days = var.days
}
