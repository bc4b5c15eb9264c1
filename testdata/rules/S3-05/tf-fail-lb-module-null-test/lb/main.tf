# expect: none
variable "access_logs" {
  type    = any
  default = null
}

resource "aws_lb" "this" {
  name               = "front"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]

  dynamic "access_logs" {
    for_each = var.access_logs != null ? [var.access_logs] : []
    content {
      bucket  = access_logs.value.bucket
      enabled = true
    }
  }
}
