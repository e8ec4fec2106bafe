output "table_name" {
  description = "Name of the single table."
  value       = aws_dynamodb_table.this.name
}

output "table_arn" {
  description = "ARN of the single table."
  value       = aws_dynamodb_table.this.arn
}

output "index_arns" {
  description = "ARNs of the table's global secondary indexes."
  value       = ["${aws_dynamodb_table.this.arn}/index/gsi1"]
}

output "stream_arn" {
  description = "ARN of the table's stream (NEW_AND_OLD_IMAGES)."
  value       = aws_dynamodb_table.this.stream_arn
}

output "receipts_table_name" {
  description = "Name of the receipts table."
  value       = aws_dynamodb_table.receipts.name
}

output "receipts_table_arn" {
  description = "ARN of the receipts table."
  value       = aws_dynamodb_table.receipts.arn
}
