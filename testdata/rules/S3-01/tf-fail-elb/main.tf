resource "aws_s3_bucket" "elb_logs" { # expect: S3-01
  bucket = "acme-elb-logs"
}

# Classic load balancer: access_logs.enabled defaults to true.
resource "aws_elb" "legacy" {
  name               = "legacy"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  access_logs {
    bucket   = aws_s3_bucket.elb_logs.bucket
    interval = 60
  }
}
