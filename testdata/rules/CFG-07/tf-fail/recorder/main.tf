resource "aws_config_configuration_recorder" "literal" {
  name     = "default"
  role_arn = "arn:aws:iam::123456789012:role/config-recorder" # expect: CFG-07
}
