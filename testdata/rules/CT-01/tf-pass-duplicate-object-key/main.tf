# expect: none
# The later value of a repeated key wins, whatever the key's spelling: an identifier,
# a quoted string or a parenthesised expression (terraform console gives true).
locals {
  key = "multi"
  trail = {
    multi     = false
    "multi"   = false
    (local.key) = true
  }
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = local.trail.multi
  enable_log_file_validation = true
}
