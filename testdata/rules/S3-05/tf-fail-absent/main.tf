resource "aws_s3_bucket" "alb_logs" { # expect: S3-05
  bucket = "acme-alb-logs"
}

resource "aws_alb" "api" {
  name               = "api"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  access_logs {
    bucket  = aws_s3_bucket.alb_logs.bucket
    enabled = true
  }
}
