# NLB access logs accept SSE-KMS with a customer managed key (ELB guide), so an NLB-only
# log bucket with SSE-S3 is reported (services.md 5.3).
resource "aws_s3_bucket" "nlb_logs" {
  bucket = "acme-nlb-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "nlb_logs" {
  bucket = aws_s3_bucket.nlb_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: S3-02
    }
  }
}

resource "aws_lb" "tcp" {
  name               = "tcp"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  access_logs {
    bucket  = aws_s3_bucket.nlb_logs.id
    enabled = true
  }
}
