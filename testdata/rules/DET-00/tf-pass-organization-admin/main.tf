# expect: none
# GuardDuty is administered by a delegated administrator declared here.
resource "aws_guardduty_organization_admin_account" "security" {
  admin_account_id = "123456789012"
}
