# expect: none
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

output "bucket" {
  value = aws_s3_bucket.trail.id
}
