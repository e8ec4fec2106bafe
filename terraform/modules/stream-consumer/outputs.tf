output "event_source_mapping_uuid" {
  description = "UUID of the event source mapping (aws lambda get-event-source-mapping --uuid ...)."
  value       = aws_lambda_event_source_mapping.this.uuid
}

output "event_source_mapping_arn" {
  description = "ARN of the event source mapping."
  value       = aws_lambda_event_source_mapping.this.arn
}

output "failure_bucket_name" {
  description = "The bucket with discarded batches and set-aside records."
  value       = aws_s3_bucket.failures.bucket
}

output "failure_bucket_arn" {
  description = "ARN of the failure bucket."
  value       = aws_s3_bucket.failures.arn
}

output "failure_metric_filter_id" {
  description = "FilterId of the failure bucket's request metrics (for alarms on PutRequests)."
  value       = aws_s3_bucket_metric.failures.name
}
