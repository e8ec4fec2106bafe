variable "name" {
  description = "Prefix of the topic's and the alarms' names (ripple-<stage>)."
  type        = string
}

variable "email_subscribers" {
  description = "Addresses that get the alarms by email (each confirms the subscription once)."
  type        = list(string)
  default     = []
}

variable "consumer_function_name" {
  description = "Name of the stream consumer function."
  type        = string
}

variable "api_function_name" {
  description = "Name of the api function."
  type        = string
}

variable "api_id" {
  description = "ID of the HTTP API."
  type        = string
}

variable "failure_bucket_name" {
  description = "The failure destination bucket."
  type        = string
}

variable "failure_metric_filter_id" {
  description = "FilterId of the failure bucket's request metrics."
  type        = string
}

variable "iterator_age_threshold_ms" {
  description = "Alarm when the newest record a batch held was older than this: the consumer is falling behind the stream."
  type        = number
  default     = 60000
}

variable "consumer_timeout_seconds" {
  description = "The consumer's timeout, named in its duration alarm."
  type        = number
}

variable "consumer_delivery_seconds" {
  description = "How long the consumer has to deliver a batch before it hands the rest back (its timeout less the failure destination's call timeout and a second): its duration alarm fires at 80% of it."
  type        = number
}

variable "stage" {
  description = "The stage: the Stage dimension of the consumer's metrics."
  type        = string
}

variable "sinks" {
  description = "The sinks the routes use: each gets its own alarms (permanent failures, sustained retries, lag)."
  type        = list(string)
}

variable "metrics" {
  description = "The consumer's metric namespace, dimension and metric names (the root's local.ripple_metrics)."
  type        = map(string)
}

variable "delivery_lag_threshold_ms" {
  description = "A sink's p99 delivery lag (ms) above which, for evaluation_minutes, its lag alarm fires."
  type        = number
}

variable "sends_email" {
  description = "Whether the routes send welcome emails: then the account's SES reputation is alarmed on too."
  type        = bool
}

variable "ses_bounce_rate_threshold" {
  description = "The account's SES bounce rate (0 to 1) above which its alarm fires; SES reviews the account at 0.05 and may pause its sending at 0.10."
  type        = number
  default     = 0.04
}

variable "ses_complaint_rate_threshold" {
  description = "The account's SES complaint rate (0 to 1) above which its alarm fires; SES reviews the account at 0.001 and may pause its sending at 0.005."
  type        = number
  default     = 0.0008
}

variable "evaluation_minutes" {
  description = "Minutes in a row a threshold must be crossed before the alarm fires."
  type        = number
  default     = 5
}

variable "tags" {
  description = "Tags for the topic and the alarms."
  type        = map(string)
  default     = {}
}
