# expect: none
# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version     = "6.25.0"
  constraints = ">= 6.25.0"
}
