resource "aws_vpc" "main" { # expect: VPC-01
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_vpc" "default" { # expect: VPC-01
}
