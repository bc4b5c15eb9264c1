resource "aws_vpc" "main" { # expect: DNS-02
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_vpc" "default" { # expect: DNS-02
}
