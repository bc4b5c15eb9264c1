# expect: none
# The resource "${arn}/*" is not known statically: silent.
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:Delete*"
      Resource  = "${aws_s3_bucket.trail.arn}/*"
    }]
  })
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# A policy from a variable: silent.
variable "config_policy" {
  type = string
}

resource "aws_s3_bucket" "config" {
  bucket = "acme-config-history"
}

resource "aws_s3_bucket_policy" "config" {
  bucket = aws_s3_bucket.config.id
  policy = var.config_policy
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.bucket
}
