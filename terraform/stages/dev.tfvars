# The dev stage: terraform plan -var-file=stages/dev.tfvars (README, "Deploy a stage").
stage  = "dev"
region = "eu-west-1"

# The sender must be verified in SES (out of band). While the account is in the SES sandbox, only verified
# recipients get mail: list the team's addresses here.
welcome_email_from     = "welcome@dev.ripple.example"
ses_sandbox_recipients = []

cors_allowed_origins = ["http://localhost:4000"]

deletion_protection_enabled = false
secret_recovery_window_days = 0
log_retention_days          = 7
failure_retention_days      = 14

api_throttling_rate_limit  = 10
api_throttling_burst_limit = 20

alarm_email_subscribers = []
