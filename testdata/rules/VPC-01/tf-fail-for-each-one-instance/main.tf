# Two VPCs from one block; only "a" gets a flow log, so the finding names aws_vpc.this["b"].
resource "aws_vpc" "this" { # expect: VPC-01
  for_each   = { a = "10.0.0.0/16", b = "10.1.0.0/16" }
  cidr_block = each.value
}

resource "aws_flow_log" "this" {
  for_each             = toset(["a"])
  vpc_id               = aws_vpc.this[each.key].id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-flow-logs"
}
