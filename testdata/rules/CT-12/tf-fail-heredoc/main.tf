resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"

  # expect: CT-12
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Service": "cloudtrail.amazonaws.com"},
      "Action": "s3:*",
      "Resource": "arn:aws:s3:::acme-cloudtrail-logs/*"
    }
  ]
}
POLICY
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}
