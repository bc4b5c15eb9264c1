# expect: none
resource "aws_securityhub_organization_configuration" "main" {
  auto_enable = true
}
