locals {
  regions  = ["us-east-1", "eu-west-1"]
  settings = jsondecode(<<-EOT
    {"multi": "${length(local.regions) > 5}"}
  EOT
  )
}

resource "aws_cloudtrail" "main" {
  name                  = format("%s-trail", lower("ORG"))
  s3_bucket_name        = "acme-cloudtrail-logs"
  is_multi_region_trail = tobool(local.settings["multi"]) # expect: CT-01
}
