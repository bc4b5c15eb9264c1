resource "aws_s3_bucket" "logs" { # expect: DET-00
  # An account baseline without any GuardDuty detector.
  bucket = "acme-audit-logs"
}

resource "aws_securityhub_account" "main" {}
