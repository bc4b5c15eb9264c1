resource "aws_cloudwatch_event_rule" "root" { # expect: EB-01
  name          = "root-usage"
  event_pattern = <<-EOF
    {
      "detail-type": ["AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail"],
      "detail": { "userIdentity": { "type": ["Root"] } }
    }
  EOF
}
