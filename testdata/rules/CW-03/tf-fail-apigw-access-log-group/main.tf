# An API Gateway access-log group is a security log group (services.md section 0).
resource "aws_cloudwatch_log_group" "access" { # expect: CW-03
  name = "/aws/apigateway/api-access"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId $context.status"
  }
}
