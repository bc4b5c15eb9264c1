# expect: none
# The destination is unknown: silent.
variable "destination_arn" {
  type = string
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  access_log_settings {
    destination_arn = var.destination_arn
    format          = "$context.requestId"
  }
}
