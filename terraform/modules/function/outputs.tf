output "function_name" {
  description = "Name of the function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the function."
  value       = aws_lambda_function.this.arn
}

output "version" {
  description = "The version published by the last apply."
  value       = aws_lambda_function.this.version
}

output "alias_name" {
  description = "Name of the alias that points at the published version."
  value       = aws_lambda_alias.this.name
}

output "alias_arn" {
  description = "ARN of the alias (what the event source mapping and permissions name)."
  value       = aws_lambda_alias.this.arn
}

output "alias_invoke_arn" {
  description = "Invoke ARN of the alias, for API Gateway integrations."
  value       = aws_lambda_alias.this.invoke_arn
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "log_group_name" {
  description = "The function's log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "The function's log group (its REPORT lines are what the operator's cold-starts report reads)."
  value       = aws_cloudwatch_log_group.this.arn
}
