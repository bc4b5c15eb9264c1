resource "aws_route53_zone" "public" { # expect: DNS-01
  name = "example.com"
}
