# Guard joins on Terraform through the intrinsics the projection writes (joins.guard).

resource "aws_s3_bucket" "versioned" {
  bucket = "acme-trail-versioned"
}

resource "aws_s3_bucket_versioning" "versioned" {
  bucket = aws_s3_bucket.versioned.id
  versioning_configuration {
    status = "Enabled"
  }
}

# expect: GUARD:JOIN_REF_BUCKET_VERSIONED
resource "aws_s3_bucket" "unversioned" {
  bucket = "acme-trail-unversioned"
}

resource "aws_cloudwatch_log_group" "by_sub" {
  name              = "/trail/by-sub"
  retention_in_days = 30 # expect: GUARD:JOIN_SUB_RETENTION
}

resource "aws_cloudwatch_log_group" "by_getatt" {
  name              = "/trail/by-getatt"
  retention_in_days = 90 # expect: GUARD:JOIN_GETATT_RETENTION
}

resource "aws_cloudwatch_log_group" "kept" {
  name              = "/trail/kept"
  retention_in_days = 400
}

# Named by no trail: not joined.
resource "aws_cloudwatch_log_group" "alone" {
  name              = "/trail/alone"
  retention_in_days = 1
}

# {"Fn::Sub": "${aws_cloudwatch_log_group.by_sub.Arn}:*"}, {"Ref": "aws_s3_bucket.unversioned"}
resource "aws_cloudtrail" "sub" {
  name                       = "sub"
  s3_bucket_name             = aws_s3_bucket.unversioned.id
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.by_sub.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail-to-logs"
}

# {"Fn::GetAtt": ["aws_cloudwatch_log_group.by_getatt", "Arn"]}
resource "aws_cloudtrail" "getatt" {
  name                       = "getatt"
  s3_bucket_name             = aws_s3_bucket.versioned.bucket
  cloud_watch_logs_group_arn = aws_cloudwatch_log_group.by_getatt.arn
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail-to-logs"
}

# A kept log group through Fn::Sub, and a literal ARN in another region (decided).
resource "aws_cloudtrail" "kept" {
  name                       = "kept"
  s3_bucket_name             = aws_s3_bucket.versioned.id
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.kept.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail-to-logs"
}

resource "aws_cloudtrail" "literal" {
  name                       = "literal"
  s3_bucket_name             = "acme-elsewhere"
  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:/other:*" # expect: GUARD:JOIN_LITERAL_LOG_GROUP_ARN
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail-to-logs"
}
