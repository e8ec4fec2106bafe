output "patterns" {
  description = "Filter patterns (JSON strings) for aws_lambda_event_source_mapping's filter_criteria; empty when every change must reach the consumer."
  value       = local.patterns
}
