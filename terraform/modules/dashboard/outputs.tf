output "dashboard_name" {
  description = "The stage's CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "query_names" {
  description = "The saved Logs Insights queries."
  value = [aws_cloudwatch_query_definition.failures_by_sink.name, aws_cloudwatch_query_definition.audit_trail.name,
  aws_cloudwatch_query_definition.slowest_batches.name, aws_cloudwatch_query_definition.api_refusals.name]
}
