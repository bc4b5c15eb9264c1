# expect: none
# access_logs.enabled defaults to false for aws_lb: nothing is delivered to the bucket.
resource "aws_s3_bucket" "lb_logs" {
  bucket = "acme-alb-logs"
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  access_logs {
    bucket = aws_s3_bucket.lb_logs.id
  }
}
