# expect: none
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-cloudtrail-logs", "arn:aws:s3:::acme-cloudtrail-logs/*"],
      "Condition": { "Bool": { "aws:SecureTransport": "false" } }
    }
  ]
}
POLICY
}

resource "aws_cloudtrail" "org" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-web-assets"
}
