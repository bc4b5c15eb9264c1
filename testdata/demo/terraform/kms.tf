# One key for the trail, its bucket and its log group.
resource "aws_kms_key" "logs" {
  description             = "${var.name_prefix} audit logs"
  deletion_window_in_days = 30
  enable_key_rotation     = false

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudTrailAndLogsEncrypt"
        Effect    = "Allow"
        Principal = { Service = ["cloudtrail.amazonaws.com", "logs.${var.region}.amazonaws.com"] }
        Action    = ["kms:GenerateDataKey*", "kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"]
        Resource  = "*"
      },
    ]
  })
}
