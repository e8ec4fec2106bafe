output "api_endpoint" {
  description = "Base URL of the stage's API."
  value       = module.http_api.api_endpoint
}

output "api_token_url" {
  description = "Where services get tokens (client credentials; the stack's user pool only, else null)."
  value       = var.api_jwt_issuer == null ? module.token_issuer[0].token_url : null
}

output "api_services_client_id" {
  description = "The services' app client of the stack's user pool (its secret: aws cognito-idp describe-user-pool-client); null with another issuer."
  value       = var.api_jwt_issuer == null ? module.token_issuer[0].services_client_id : null
}

output "api_jwt_issuer" {
  description = "The issuer whose tokens the API accepts."
  value       = local.api_jwt_issuer
}

output "table_name" {
  description = "The single table."
  value       = module.table.table_name
}

output "receipts_table_name" {
  description = "The receipts table."
  value       = module.table.receipts_table_name
}

output "stream_arn" {
  description = "The table's stream."
  value       = module.table.stream_arn
}

output "api_function_name" {
  description = "The api function."
  value       = module.api_function.function_name
}

output "consumer_function_name" {
  description = "The stream consumer function."
  value       = module.consumer_function.function_name
}

output "event_source_mapping_uuid" {
  description = "The event source mapping (aws lambda get-event-source-mapping --uuid ...)."
  value       = module.stream_consumer.event_source_mapping_uuid
}

output "failure_bucket_name" {
  description = "Where discarded batches are kept."
  value       = module.stream_consumer.failure_bucket_name
}

output "slack_webhook_secret_arn" {
  description = "Put the Slack webhook URL into this secret (aws secretsmanager put-secret-value)."
  value       = aws_secretsmanager_secret.slack_webhook.arn
}

output "ses_dkim_tokens" {
  description = "For a domain ses_identity: CNAME <token>._domainkey.<domain> -> <token>.dkim.amazonses.com for each."
  value       = module.email.dkim_tokens
}

output "event_bus_name" {
  description = "The event bus changes are published to; null when eventbridge is off."
  value       = var.eventbridge_enabled ? module.event_bus[0].bus_name : null
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.alarms.topic_arn
}

output "dashboard_name" {
  description = "The stage's CloudWatch dashboard."
  value       = module.dashboard.dashboard_name
}

output "welcome_email_configuration_set" {
  description = "The welcome emails' SES configuration set (the ses:configuration-set dimension of their AWS/SES metrics)."
  value       = module.email.configuration_set_name
}

output "operator_policy_arn" {
  description = "The policy the operator's ripple command needs on this stage: attach it to the operators' role or group."
  value       = aws_iam_policy.operator.arn
}
