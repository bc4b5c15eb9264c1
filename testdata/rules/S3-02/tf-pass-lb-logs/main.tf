# expect: none
# Load balancer access logs can only be delivered to SSE-S3 buckets: AES256 is right here.
resource "aws_s3_bucket" "alb_logs" {
  bucket = "acme-alb-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  access_logs {
    bucket  = aws_s3_bucket.alb_logs.id
    enabled = true
  }
}
