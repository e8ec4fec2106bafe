# One stage of Ripple: the table and its stream, the api behind an HTTP API, the stream consumer attached by an event
# source mapping with the settings the local stack runs with, the sinks' resources and the alarms.

module "table" {
  source = "./modules/table"

  name                           = local.name
  point_in_time_recovery_enabled = var.point_in_time_recovery_enabled
  deletion_protection_enabled    = var.deletion_protection_enabled
}

# --- the sinks' resources ---------------------------------------------------------------------------------------

# The webhook is a secret: Terraform creates the empty secret and never holds its value. Set it out of band
# (README, "Deploy a stage"); the slack sink reads it once per cold start.
resource "aws_secretsmanager_secret" "slack_webhook" {
  name                    = "${local.name}/slack-webhook"
  description             = "Slack incoming webhook URL of Ripple ${var.stage} (plain, or JSON {\"webhookUrl\": ...})"
  recovery_window_in_days = var.secret_recovery_window_days
}

module "email" {
  source = "./modules/email"

  sender_identity        = coalesce(var.ses_identity, var.welcome_email_from)
  sandbox_recipients     = var.ses_sandbox_recipients
  template_name          = "${local.name}-welcome"
  configuration_set_name = "${local.name}-welcome"
  subject                = var.welcome_email_subject
  text                   = var.welcome_email_text
  html                   = var.welcome_email_html
}

module "event_bus" {
  source = "./modules/event-bus"
  count  = var.eventbridge_enabled ? 1 : 0

  name                   = local.name
  archive_retention_days = var.event_archive_retention_days
}

# --- functions --------------------------------------------------------------------------------------------------

module "api_function" {
  source = "./modules/function"

  name                  = "${local.name}-api"
  description           = "Ripple ${var.stage}: the HTTP API (votes, customers, plays, event logs)"
  jar_path              = local.api_jar_path
  handler               = local.api_handler
  runtime               = var.lambda_runtime
  architecture          = var.lambda_architecture
  memory_size           = var.api_memory_size
  timeout               = var.api_timeout
  snap_start_enabled    = var.snap_start_enabled
  log_retention_days    = var.log_retention_days
  log_format            = var.lambda_log_format
  application_log_level = var.lambda_application_log_level
  system_log_level      = var.lambda_system_log_level
  policy_json           = data.aws_iam_policy_document.api.json
  java_tool_options     = var.java_tool_options

  environment = merge({
    RIPPLE_STAGE          = var.stage
    RIPPLE_TABLE_NAME     = module.table.table_name
    RIPPLE_TABLE_RECEIPTS = module.table.receipts_table_name
    # From api_timeout (locals.tf); the consumer keeps the defaults (3 s an attempt, 9 s a call), far inside its own.
    RIPPLE_DYNAMODB_ATTEMPT_TIMEOUT = "${local.api_dynamodb_attempt_timeout}s"
    RIPPLE_DYNAMODB_CALL_TIMEOUT    = "${local.api_dynamodb_call_timeout}s"
    # Routes behind the authorizer reach the function with its claims; a token sent to any other route is checked by
    # the function itself, against the same issuer and audiences.
    RIPPLE_API_AUTH_ISSUER                                  = local.api_jwt_issuer
    RIPPLE_API_AUTH_AUDIENCES                               = join(",", local.api_jwt_audiences)
    MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_JWKS_ISSUER_URL = local.api_jwks_url
    RIPPLE_API_AUTH_KEY_SET_CONNECT_TIMEOUT                 = "${local.api_key_set_connect_timeout_ms}ms"
    RIPPLE_API_AUTH_KEY_SET_READ_TIMEOUT                    = "${local.api_key_set_read_timeout_ms}ms"
  }, local.api_cors_environment)
}

module "consumer_function" {
  source = "./modules/function"

  name                           = "${local.name}-consumer"
  description                    = "Ripple ${var.stage}: the stream consumer (routes each change to its sinks)"
  jar_path                       = local.consumer_jar_path
  handler                        = local.consumer_handler
  runtime                        = var.lambda_runtime
  architecture                   = var.lambda_architecture
  memory_size                    = var.consumer_memory_size
  timeout                        = local.consumer_timeout
  reserved_concurrent_executions = var.consumer_reserved_concurrency
  snap_start_enabled             = var.snap_start_enabled
  log_retention_days             = var.log_retention_days
  log_format                     = var.lambda_log_format
  application_log_level          = var.lambda_application_log_level
  system_log_level               = var.lambda_system_log_level
  policy_json                    = data.aws_iam_policy_document.consumer.json
  java_tool_options              = var.java_tool_options

  environment = {
    RIPPLE_STAGE                                 = var.stage
    RIPPLE_TABLE_NAME                            = module.table.table_name
    RIPPLE_TABLE_RECEIPTS                        = module.table.receipts_table_name
    RIPPLE_SINKS_SLACK_WEBHOOK_SECRET_ID         = aws_secretsmanager_secret.slack_webhook.arn
    RIPPLE_SINKS_WELCOME_EMAIL_FROM              = var.welcome_email_from
    RIPPLE_SINKS_WELCOME_EMAIL_FROM_NAME         = var.welcome_email_from_name
    RIPPLE_SINKS_WELCOME_EMAIL_REPLY_TO          = join(",", var.welcome_email_reply_to)
    RIPPLE_SINKS_WELCOME_EMAIL_TEMPLATE          = module.email.template_name
    RIPPLE_SINKS_WELCOME_EMAIL_CONFIGURATION_SET = module.email.configuration_set_name
    RIPPLE_SINKS_SLACK_WEBHOOK_SECRET_TTL        = var.slack_webhook_secret_ttl
    # From consumer_timeout (locals.tf): 10 s an attempt, 30 s a call for the default 120 s.
    RIPPLE_S3_ATTEMPT_TIMEOUT = "${local.consumer_s3_attempt_timeout}s"
    RIPPLE_S3_CALL_TIMEOUT    = "${local.consumer_s3_call_timeout}s"
    # Per batch and per sink, as CloudWatch Embedded Metric Format lines on stdout (namespace local.ripple_metrics).
    RIPPLE_METRICS_EMF                = "true"
    RIPPLE_SINKS_BADGES_ZONE          = var.badges_zone
    RIPPLE_SINKS_EVENTBRIDGE_ENABLED  = tostring(var.eventbridge_enabled)
    RIPPLE_SINKS_EVENTBRIDGE_BUS_NAME = var.eventbridge_enabled ? module.event_bus[0].bus_name : "default"
    # Records that can never succeed go to the failure bucket with their reason, instead of costing retries.
    RIPPLE_FAILURE_DESTINATION_BUCKET       = module.stream_consumer.failure_bucket_name
    RIPPLE_FAILURE_DESTINATION_FUNCTION_ARN = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${local.name}-consumer"
    # Routes are keyed by item type, and "*" cannot be part of an environment variable's name: Micronaut reads
    # them from this JSON instead.
    MICRONAUT_APPLICATION_JSON = jsonencode({ ripple = { routes = var.routes } })
  }
}

# A route naming a sink that is switched off stops the consumer at start: refuse it at plan time instead.
resource "terraform_data" "routes" {
  input = var.routes

  lifecycle {
    precondition {
      condition     = var.eventbridge_enabled || !contains(local.sinks_in_routes, "eventbridge")
      error_message = "A route names the eventbridge sink, but eventbridge_enabled is false."
    }
  }
}

# --- the stream and its consumer ---------------------------------------------------------------------------------

# The same file the local stack's emulator reads (ripple.local.event-source-mapping), so the two cannot drift.
module "mapping_settings" {
  source = "./modules/mapping-settings"

  file = "${path.module}/event-source-mapping.json"
}

module "route_filters" {
  source = "./modules/route-filters"

  routes = var.routes
}

module "stream_consumer" {
  source = "./modules/stream-consumer"

  name               = local.name
  stream_arn         = module.table.stream_arn
  function_arn       = module.consumer_function.alias_arn
  function_role_name = module.consumer_function.role_name
  settings           = module.mapping_settings.settings
  filter_patterns = (module.mapping_settings.settings.filters_from_routes
    ? module.route_filters.patterns
  : module.mapping_settings.settings.filter_patterns)

  failure_bucket_name          = "${local.name}-failures-${data.aws_caller_identity.current.account_id}-${data.aws_region.current.region}"
  failure_retention_days       = var.failure_retention_days
  force_destroy_failure_bucket = !var.deletion_protection_enabled
}

# --- the API ----------------------------------------------------------------------------------------------------

module "token_issuer" {
  source = "./modules/token-issuer"
  count  = var.api_jwt_issuer == null ? 1 : 0

  name                        = local.name
  domain_prefix               = coalesce(var.api_token_domain_prefix, "${local.name}-${data.aws_caller_identity.current.account_id}")
  scopes                      = local.api_scopes
  service_scopes              = local.api_service_scopes
  deletion_protection_enabled = var.deletion_protection_enabled
}

module "http_api" {
  source = "./modules/http-api"

  name                      = local.name
  function_name             = module.api_function.function_name
  function_alias_name       = module.api_function.alias_name
  function_alias_invoke_arn = module.api_function.alias_invoke_arn
  routes                    = local.api_routes
  jwt_issuer                = local.api_jwt_issuer
  jwt_audiences             = local.api_jwt_audiences
  throttling_rate_limit     = var.api_throttling_rate_limit
  throttling_burst_limit    = var.api_throttling_burst_limit
  route_throttling          = local.api_route_throttling
  access_log_retention_days = var.log_retention_days
}

# --- alarms -----------------------------------------------------------------------------------------------------

module "alarms" {
  source = "./modules/alarms"

  name                         = local.name
  email_subscribers            = var.alarm_email_subscribers
  consumer_function_name       = module.consumer_function.function_name
  consumer_timeout_seconds     = local.consumer_timeout
  consumer_delivery_seconds    = local.consumer_delivery_seconds
  api_function_name            = module.api_function.function_name
  api_id                       = module.http_api.api_id
  failure_bucket_name          = module.stream_consumer.failure_bucket_name
  failure_metric_filter_id     = module.stream_consumer.failure_metric_filter_id
  iterator_age_threshold_ms    = var.iterator_age_alarm_threshold_ms
  stage                        = var.stage
  sinks                        = sort(tolist(local.sinks_in_routes))
  metrics                      = local.ripple_metrics
  delivery_lag_threshold_ms    = var.delivery_lag_alarm_threshold_ms
  sends_email                  = contains(local.sinks_in_routes, "welcome-email")
  ses_bounce_rate_threshold    = var.ses_bounce_rate_alarm_threshold
  ses_complaint_rate_threshold = var.ses_complaint_rate_alarm_threshold
}

# --- the dashboard and saved queries --------------------------------------------------------------------------------

module "dashboard" {
  source = "./modules/dashboard"

  name                         = local.name
  region                       = data.aws_region.current.region
  stage                        = var.stage
  sinks                        = sort(tolist(local.sinks_in_routes))
  metrics                      = local.ripple_metrics
  consumer_function_name       = module.consumer_function.function_name
  consumer_timeout_seconds     = local.consumer_timeout
  consumer_delivery_seconds    = local.consumer_delivery_seconds
  consumer_log_group_name      = module.consumer_function.log_group_name
  api_log_group_name           = module.api_function.log_group_name
  api_id                       = module.http_api.api_id
  failure_bucket_name          = module.stream_consumer.failure_bucket_name
  failure_metric_filter_id     = module.stream_consumer.failure_metric_filter_id
  email_configuration_set      = module.email.configuration_set_name
  ses_bounce_rate_threshold    = var.ses_bounce_rate_alarm_threshold
  ses_complaint_rate_threshold = var.ses_complaint_rate_alarm_threshold
}
