output "api_id" {
  description = "ID of the HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "api_endpoint" {
  description = "Base URL of the API (https://<id>.execute-api.<region>.amazonaws.com)."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "stage_name" {
  description = "The stage that serves the API."
  value       = aws_apigatewayv2_stage.default.name
}

output "access_log_group_name" {
  description = "The API's access log group."
  value       = aws_cloudwatch_log_group.access.name
}

output "authorizer_id" {
  description = "The JWT authorizer of the routes that need a token."
  value       = aws_apigatewayv2_authorizer.jwt.id
}
