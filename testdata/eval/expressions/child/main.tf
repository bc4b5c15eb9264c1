variable "name" {
  type = string
}

variable "items" {
  type = list(object({ id = number, name = string, extra = optional(string, "d") }))
}

resource "aws_sns_topic" "t" {
  name         = "topic-${var.name}"
  display_name = join("+", [for i in var.items : "${i.name}${i.extra}" if i.id != 1])
}

output "name" {
  value = aws_sns_topic.t.name
}

output "upper" {
  value = upper(var.name)
}
