resource "aws_sns_topic" "security" {
  name = "security"
}

resource "aws_cloudwatch_event_rule" "guardduty" { # expect: EB-01
  name          = "guardduty-findings"
  event_pattern = <<-EOF
    { "source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] }
  EOF
}

resource "aws_cloudwatch_event_rule" "deploys" {
  name          = "ecs-deployments"
  event_pattern = <<-EOF
    { "source": ["aws.ecs"], "detail-type": ["ECS Deployment State Change"] }
  EOF
}
