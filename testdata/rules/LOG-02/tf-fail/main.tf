resource "aws_s3_bucket" "trail" { # expect: LOG-02
  bucket = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "org" {
  name                  = "org-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
}

resource "aws_s3_bucket" "flows" { # expect: LOG-02
  bucket = "acme-flow-logs"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.flows.arn
}

resource "aws_s3_bucket" "config" { # expect: LOG-02
  bucket = "acme-config-history"
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.bucket
}
