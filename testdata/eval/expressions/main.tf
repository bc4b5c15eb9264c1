# Differential probe of the evaluator (scripts/differential.py): expansions, modules,
# dynamic blocks, type conversions. Terraform's plan is the expected value.
variable "cfg" {
  type = object({
    name    = string
    retain  = optional(number, 30)
    streams = optional(list(string), ["a", "b"])
    flags   = optional(map(bool), {})
  })
  default = { name = "app" }
}

variable "num_as_string" {
  type    = string
  default = 5
}

variable "set_of" {
  type    = set(string)
  default = ["b", "a", "b"]
}

locals {
  groups = { beta = 2, alpha = 1 }
  list   = [for i in range(3) : { id = i, name = "n${i}" }]
  merged = merge({ for g, n in local.groups : g => n * 10 }, { gamma = 30 })
}

resource "aws_cloudwatch_log_group" "each" {
  for_each          = local.groups
  name              = "/${var.cfg.name}/${each.key}"
  retention_in_days = var.cfg.retain * each.value
  tags              = { index = tostring(each.value), set = join(",", var.set_of) }
}

resource "aws_cloudwatch_log_group" "counted" {
  count             = length(var.cfg.streams)
  name              = "/counted/${var.cfg.streams[count.index]}-${count.index}"
  retention_in_days = count.index == 0 ? 1 : 3
  skip_destroy      = count.index > 0
}

resource "aws_cloudwatch_metric_alarm" "dyn" {
  alarm_name          = "dyn-${var.num_as_string}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = var.num_as_string
  threshold           = "1.5"

  dynamic "metric_query" {
    for_each = { second = "m2", first = "m1" }
    content {
      id          = metric_query.value
      return_data = metric_query.key == "first"
      metric {
        metric_name = upper(metric_query.key)
        namespace   = "NS"
        period      = 60
        stat        = "Sum"
      }
    }
  }
}

module "child" {
  source   = "./child"
  for_each = toset(["x", "y"])
  name     = "${each.key}-${local.merged["gamma"]}"
  items    = local.list
}

resource "terraform_data" "outputs" {
  input = {
    names   = [for k, m in module.child : m.name]
    first   = module.child["x"].upper
    splat   = aws_cloudwatch_log_group.counted[*].name
    each    = { for k, g in aws_cloudwatch_log_group.each : k => g.retention_in_days }
    merged  = local.merged
    cfg     = var.cfg
    set_len = length(var.set_of)
  }
}

# Operations whose result is known although some leaves are not (issue 11 item 3):
# blindspot must agree with the plan on each.
locals {
  partly_unknown = { arn = aws_cloudwatch_log_group.counted[0].arn, name = "x" }
  unknown_arn    = aws_cloudwatch_log_group.counted[0].arn
}

resource "terraform_data" "known_despite_unknown_leaves" {
  input = {
    not_null            = local.partly_unknown != null
    is_null             = local.partly_unknown == null
    other_attributes    = local.partly_unknown == { name = "x" }
    other_length        = [local.unknown_arn] == []
    tuple_unknown_first = [local.unknown_arn, "a"] == [local.unknown_arn, "b"]
    tuple_known_first   = ["a", local.unknown_arn] == ["b", local.unknown_arn]
    object_undecided    = { a = local.unknown_arn, b = "x" } == { a = local.unknown_arn, b = "y" }
    contains_known      = contains([local.unknown_arn, "b"], "b")
    length_object       = length(local.partly_unknown)
    keys_object         = keys(local.partly_unknown)
    lookup_known        = lookup(local.partly_unknown, "name")
    coalesce_first      = coalesce("first", local.unknown_arn)
    wrapped             = local.partly_unknown != null ? [local.partly_unknown.name] : []
  }
}
