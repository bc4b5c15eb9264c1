# Source of testdata/rules/CT-01/plan-fail/plan.json (scripts/regen_plan_fixtures.py).
# The root trail is multi-region; the module's is not (the one CT-01 finding), and its
# bucket is only known after apply.
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

# Not logging: not a baseline trail exempting the module's single-region trail from CT-01
# (services.md 5.3).
resource "aws_cloudtrail" "main" {
  name                  = "org"
  is_multi_region_trail = true
  enable_logging        = false
  s3_bucket_name        = aws_s3_bucket.trail.bucket
}

resource "aws_s3_bucket" "audit" {
  bucket_prefix = "audit-"
}

module "audit" {
  source = "./audit"
  bucket = aws_s3_bucket.audit.id
}
