# expect: none
# service_logs_are_security_logs: false (case.toml): not a security log group.
resource "aws_cloudwatch_log_group" "access" {
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
