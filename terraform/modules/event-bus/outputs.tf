output "bus_name" {
  description = "Name of the event bus."
  value       = aws_cloudwatch_event_bus.this.name
}

output "bus_arn" {
  description = "ARN of the event bus (what events:PutEvents is granted on)."
  value       = aws_cloudwatch_event_bus.this.arn
}

output "archive_arn" {
  description = "ARN of the archive, for aws events start-replay."
  value       = aws_cloudwatch_event_archive.this.arn
}
