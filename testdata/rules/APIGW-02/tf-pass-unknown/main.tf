# expect: none
# A method settings resource whose stage is unknown, and a v2 stage whose API is not in
# the scan: silent.
variable "stage_name" {
  type = string
}

variable "api_id" {
  type = string
}

resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}

resource "aws_api_gateway_deployment" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "prod"
}

resource "aws_api_gateway_method_settings" "some" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = var.stage_name
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
}

resource "aws_apigatewayv2_stage" "elsewhere" {
  api_id = var.api_id
  name   = "prod"
}
