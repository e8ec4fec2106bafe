variable "stage" {
  description = "The stage (dev, prod, ...): every resource's name carries it."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.stage))
    error_message = "stage is 2 to 16 lower-case letters, digits and '-', starting with a letter."
  }
}

variable "region" {
  description = "The AWS region of the stage."
  type        = string
}

variable "name_prefix" {
  description = "First part of every name: <name_prefix>-<stage>."
  type        = string
  default     = "ripple"
}

variable "tags" {
  description = "Tags for every resource (application and stage are added)."
  type        = map(string)
  default     = {}
}

# --- table ------------------------------------------------------------------------------------------------------

variable "deletion_protection_enabled" {
  description = "Refuse to delete the tables (and keep the failure bucket's objects on destroy); on for prod."
  type        = bool
  default     = false
}

variable "point_in_time_recovery_enabled" {
  description = "Continuous backups of the single table."
  type        = bool
  default     = true
}

# --- functions --------------------------------------------------------------------------------------------------

variable "api_jar_path" {
  description = "The api's shaded jar; null means api/target/ripple-api-lambda.jar of this repository."
  type        = string
  default     = null
}

variable "consumer_jar_path" {
  description = "The consumer's shaded jar; null means consumer/target/ripple-consumer-lambda.jar of this repository."
  type        = string
  default     = null
}

variable "lambda_runtime" {
  description = "Java runtime of both functions: java21 or java25."
  type        = string
  default     = "java21"
}

variable "lambda_architecture" {
  description = "x86_64 or arm64 for both functions."
  type        = string
  default     = "x86_64"
}

variable "api_memory_size" {
  description = "Memory (MB) of the api function."
  type        = number
  default     = 1024
}

variable "api_timeout" {
  description = "Timeout (s) of the api function, at most 29: API Gateway waits at most 29 s, and a request still running when a client's retry may take its Idempotency-Key over (after 30 s) could be written twice."
  type        = number
  default     = 20

  validation {
    condition     = var.api_timeout >= 1 && var.api_timeout <= 29
    error_message = "api_timeout is between 1 and 29 s: a request running longer could be written twice by a client's retry with its Idempotency-Key."
  }
}

variable "consumer_memory_size" {
  description = "Memory (MB) of the consumer function."
  type        = number
  default     = 1024
}

variable "consumer_timeout" {
  description = "Overrides the consumer's timeout (s), which event-source-mapping.json states as function_timeout_in_seconds so that the local emulator cuts invocations off at the same point; null keeps the file's."
  type        = number
  default     = null
}

variable "consumer_reserved_concurrency" {
  description = "Concurrency reserved for the consumer (it needs at most shards x parallelization_factor); -1 leaves it unreserved."
  type        = number
  default     = -1
}

variable "snap_start_enabled" {
  description = "Serve both functions from SnapStart snapshots of published versions."
  type        = bool
  default     = true
}

variable "java_tool_options" {
  description = "JAVA_TOOL_OPTIONS of both functions; empty sets none and leaves the JVM as the Lambda runtime starts it (java21: tiered compilation stopped at level 1; java25: the same, but with SnapStart the JVM's full tiered compilation, which compiles before the snapshot instead of on invocations)."
  type        = string
  default     = ""
}

variable "lambda_log_format" {
  description = "Both functions' log format: JSON (recommended: the jars write JSON lines, Lambda's own lines become JSON too and levels are filtered) or Text."
  type        = string
  default     = "JSON"
}

variable "lambda_application_log_level" {
  description = "With JSON logs: the lowest level of the functions' own lines that is kept (TRACE, DEBUG or INFO; above INFO the metric lines would be dropped)."
  type        = string
  default     = "INFO"
}

variable "lambda_system_log_level" {
  description = "With JSON logs: the lowest level of Lambda's platform lines that is kept (DEBUG, INFO or WARN)."
  type        = string
  default     = "INFO"
}

variable "log_retention_days" {
  description = "Retention of the functions' and the API's logs."
  type        = number
  default     = 30
}

# --- API --------------------------------------------------------------------------------------------------------

variable "api_throttling_rate_limit" {
  description = "Requests per second the API accepts on average before answering 429."
  type        = number
  default     = 50
}

variable "api_throttling_burst_limit" {
  description = "Requests the API accepts in a burst before answering 429."
  type        = number
  default     = 100
}

variable "api_vote_throttling" {
  description = "Requests per second, and burst, of POST /votes: anonymous, so tighter than the rest."
  type = object({
    rate_limit  = number
    burst_limit = number
  })
  default = { rate_limit = 10, burst_limit = 20 }

  validation {
    condition     = var.api_vote_throttling.rate_limit > 0 && var.api_vote_throttling.burst_limit > 0
    error_message = "api_vote_throttling's limits are positive."
  }
}

variable "api_signup_throttling" {
  description = "Requests per second, and burst, of POST /customers: anonymous and sends email, so the tightest."
  type = object({
    rate_limit  = number
    burst_limit = number
  })
  default = { rate_limit = 2, burst_limit = 5 }

  validation {
    condition     = var.api_signup_throttling.rate_limit > 0 && var.api_signup_throttling.burst_limit > 0
    error_message = "api_signup_throttling's limits are positive."
  }
}

variable "api_jwt_issuer" {
  description = "Issuer of the tokens the API accepts (an OpenID provider's issuer URL); null creates a Cognito user pool with the API's scopes and a client-credentials app client for the services."
  type        = string
  default     = null
}

variable "api_jwt_audiences" {
  description = "With api_jwt_issuer: what a token's aud (or client_id) must name one of. Ignored for the stack's own user pool (its services client)."
  type        = list(string)
  default     = []
}

variable "api_jwks_url" {
  description = "With api_jwt_issuer: where it publishes its keys; null means <issuer>/.well-known/jwks.json."
  type        = string
  default     = null
}

variable "api_token_domain_prefix" {
  description = "Prefix of the stack's user pool domain (<prefix>.auth.<region>.amazoncognito.com, unique in the region); null means <name_prefix>-<stage>-<account id>."
  type        = string
  default     = null
}

variable "cors_allowed_origins" {
  description = "Origins browsers may call the API from (ripple.api.cors.allowed-origins), e.g. https://blog.example."
  type        = list(string)
  default     = []
}

# --- routes and sinks -------------------------------------------------------------------------------------------

variable "routes" {
  description = "The consumer's routes (ripple.routes): item type => events and sinks. The default is Ripple's built-in routing; the filter criteria are derived from these."
  type = map(object({
    events = list(string)
    sinks  = list(string)
  }))
  default = {
    vote     = { events = ["INSERT", "MODIFY"], sinks = ["slack"] }
    customer = { events = ["INSERT"], sinks = ["welcome-email"] }
    play     = { events = ["INSERT"], sinks = ["badges"] }
    badge    = { events = ["INSERT"], sinks = ["slack"] }
    "*"      = { events = ["INSERT", "MODIFY", "REMOVE"], sinks = ["audit"] }
  }
}

variable "welcome_email_from" {
  description = "Sender of the welcome emails (ripple.sinks.welcome-email.from); an address of ses_identity."
  type        = string

  validation {
    # The function's rule (an address as SES takes it): ASCII, a dot-atom local part of at most 64 characters, a host
    # name as domain (punycode where internationalised), 254 characters in all.
    condition = (can(regex("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", var.welcome_email_from))
    && length(split("@", var.welcome_email_from)[0]) <= 64 && length(var.welcome_email_from) <= 254)
    error_message = "welcome_email_from must be an address alone as SES takes it: ASCII letters, digits and !#$%&'*+/=?^_`{|}~.- before the @ (at most 64), a host name after it with its dots, in punycode (xn--…) where internationalised."
  }
}

variable "welcome_email_from_name" {
  description = "The name welcome emails are shown as coming from (ripple.sinks.welcome-email.from-name), e.g. \"Ripple\"; empty for the address alone."
  type        = string
  default     = ""

  validation {
    # The function's own check (FromAddress.NAME_RULE), so that a name it would refuse at its first sign-up is refused
    # at plan instead.
    condition     = can(regex("^[^[:cntrl:]\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]{0,64}$", var.welcome_email_from_name))
    error_message = "welcome_email_from_name must be at most 64 characters, without control characters or bidirectional overrides."
  }
}

variable "welcome_email_reply_to" {
  description = "Where replies to welcome emails go instead of welcome_email_from (ripple.sinks.welcome-email.reply-to); none by default."
  type        = list(string)
  default     = []

  validation {
    # The function's rule, as for welcome_email_from; it holds no comma, which the list is joined with for the function.
    condition = alltrue([for address in var.welcome_email_reply_to : can(regex("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", address))
    && length(split("@", address)[0]) <= 64 && length(address) <= 254])
    error_message = "welcome_email_reply_to must be email addresses as SES takes them, each as welcome_email_from must be."
  }
}

variable "ses_identity" {
  description = "The SES identity to create and send from: the domain of welcome_email_from, or null for the address itself."
  type        = string
  default     = null
}

variable "ses_sandbox_recipients" {
  description = "Recipient addresses to verify while the account is in the SES sandbox (dev)."
  type        = list(string)
  default     = []
}

variable "welcome_email_subject" {
  description = "Subject of the welcome email template; {{name}} and {{email}} are filled in."
  type        = string
  default     = "Welcome to Ripple, {{name}}"
}

variable "welcome_email_text" {
  description = "Plain-text body of the welcome email template; {{name}} and {{email}} are filled in."
  type        = string
  default     = "Hello {{name}},\n\nthank you for signing up. We are glad you are here.\n\nThe Ripple team"
}

variable "welcome_email_html" {
  description = "HTML body of the welcome email template; {{{nameHtml}}} and {{{emailHtml}}} are the HTML-escaped values."
  type        = string
  default     = "<p>Hello {{{nameHtml}}},</p><p>thank you for signing up. We are glad you are here.</p><p>The Ripple team</p>"
}

variable "badges_zone" {
  description = "Time zone whose calendar days count for streak badges (ripple.sinks.badges.zone)."
  type        = string
  default     = "UTC"
}

variable "eventbridge_enabled" {
  description = "Create the event bus and its archive and switch the eventbridge sink on (route changes to it in routes)."
  type        = bool
  default     = false
}

variable "event_archive_retention_days" {
  description = "Days the event archive keeps events for replay; 0 keeps them forever."
  type        = number
  default     = 30
}

# --- failures and alarms ----------------------------------------------------------------------------------------

variable "failure_retention_days" {
  description = "Days discarded batches stay in the failure bucket."
  type        = number
  default     = 90
}

variable "alarm_email_subscribers" {
  description = "Addresses that get alarms by email."
  type        = list(string)
  default     = []
}

variable "iterator_age_alarm_threshold_ms" {
  description = "Alarm when the consumer is this far (ms) behind the stream for evaluation_minutes."
  type        = number
  default     = 60000
}

variable "delivery_lag_alarm_threshold_ms" {
  description = "Alarm when a sink's p99 delivery lag (from the change in the table to its effect) stays above this (ms) for evaluation_minutes."
  type        = number
  default     = 60000
}

variable "ses_bounce_rate_alarm_threshold" {
  description = "Alarm when the account's SES bounce rate (0 to 1) is above this; SES reviews an account at 0.05 and may pause its sending at 0.10."
  type        = number
  default     = 0.04

  validation {
    condition     = var.ses_bounce_rate_alarm_threshold > 0 && var.ses_bounce_rate_alarm_threshold < 0.1
    error_message = "ses_bounce_rate_alarm_threshold is a rate between 0 and 0.1, where SES may pause the account's sending."
  }
}

variable "ses_complaint_rate_alarm_threshold" {
  description = "Alarm when the account's SES complaint rate (0 to 1) is above this; SES reviews an account at 0.001 and may pause its sending at 0.005."
  type        = number
  default     = 0.0008

  validation {
    condition     = var.ses_complaint_rate_alarm_threshold > 0 && var.ses_complaint_rate_alarm_threshold < 0.005
    error_message = "ses_complaint_rate_alarm_threshold is a rate between 0 and 0.005, where SES may pause the account's sending."
  }
}

variable "slack_webhook_secret_ttl" {
  description = "How long the consumer uses the Slack webhook it read before reading the secret again (a rotation reaches warm instances by then; a refused webhook makes it read at once)."
  type        = string
  default     = "5m"
}

variable "secret_recovery_window_days" {
  description = "Days a deleted Slack webhook secret can be restored (0 deletes at once, for throw-away stages)."
  type        = number
  default     = 7
}

check "api_issuer_has_audiences" {
  assert {
    condition     = var.api_jwt_issuer == null || length(var.api_jwt_audiences) > 0
    error_message = "api_jwt_issuer needs api_jwt_audiences: without them no token would be accepted."
  }
}
