# The prod stage: terraform plan -var-file=stages/prod.tfvars (README, "Deploy a stage").
stage  = "prod"
region = "eu-west-1"

# Send from the verified domain (publish the DKIM records of the ses_dkim_tokens output).
welcome_email_from = "welcome@ripple.example"
ses_identity       = "ripple.example"
# Readers see "Ripple <welcome@ripple.example>"; their replies reach a person.
welcome_email_from_name = "Ripple"
welcome_email_reply_to  = ["hello@ripple.example"]

cors_allowed_origins = ["https://blog.ripple.example", "https://news.ripple.example"]

deletion_protection_enabled    = true
point_in_time_recovery_enabled = true
log_retention_days             = 90
failure_retention_days         = 90

api_memory_size               = 1536
consumer_memory_size          = 1536
consumer_reserved_concurrency = 20

api_throttling_rate_limit  = 200
api_throttling_burst_limit = 400

# Every change also goes to the event bus (archived for replay).
eventbridge_enabled          = true
event_archive_retention_days = 90
routes = {
  vote     = { events = ["INSERT", "MODIFY"], sinks = ["slack"] }
  customer = { events = ["INSERT"], sinks = ["welcome-email"] }
  play     = { events = ["INSERT"], sinks = ["badges"] }
  badge    = { events = ["INSERT"], sinks = ["slack"] }
  "*"      = { events = ["INSERT", "MODIFY", "REMOVE"], sinks = ["audit", "eventbridge"] }
}

alarm_email_subscribers         = ["oncall@ripple.example"]
iterator_age_alarm_threshold_ms = 30000
