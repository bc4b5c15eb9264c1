# expect: none
variable "config_role_arn" {
  type = string
}

data "aws_iam_role" "config" {
  name = "config-recorder"
}

# Unknown (a variable, a data source): reported only with --strict.
resource "aws_config_configuration_recorder" "from_variable" {
  name     = "default"
  role_arn = var.config_role_arn
}

resource "aws_config_configuration_recorder" "from_data" {
  name     = "secondary"
  role_arn = data.aws_iam_role.config.arn
}
