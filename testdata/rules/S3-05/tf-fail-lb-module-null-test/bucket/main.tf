resource "aws_s3_bucket" "this" { # expect: S3-05
  bucket = "acme-lb-logs"
}

output "id" {
  value = aws_s3_bucket.this.id
}
