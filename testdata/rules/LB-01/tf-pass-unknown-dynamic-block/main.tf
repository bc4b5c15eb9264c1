# expect: none
# A dynamic access_logs block whose for_each is unknown: silent; --strict names the block.
variable "access_logs" {
  type = list(object({
    bucket = string
  }))
}

resource "aws_lb" "dynamic_logs" {
  name    = "dynamic-logs"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  dynamic "access_logs" {
    for_each = var.access_logs
    content {
      bucket  = access_logs.value.bucket
      enabled = true
    }
  }
}
