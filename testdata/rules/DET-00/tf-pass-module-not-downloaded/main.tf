# expect: none
# The module may declare the detector: undecided, so silent without --strict.
module "guardduty" {
  source  = "aws-ia/guardduty/aws"
  version = "0.1.0"
}
