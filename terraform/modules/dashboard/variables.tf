variable "name" {
  description = "The dashboard's name (ripple-<stage>) and the saved queries' folder."
  type        = string
}

variable "region" {
  description = "The stage's region, which every widget names."
  type        = string
}

variable "stage" {
  description = "The stage: the Stage dimension of the consumer's metrics."
  type        = string
}

variable "sinks" {
  description = "The sinks the routes use: one line each in the per-sink widgets."
  type        = list(string)
}

variable "metrics" {
  description = "The consumer's metric namespace, dimension and metric names (the root's local.ripple_metrics)."
  type        = map(string)
}

variable "consumer_function_name" {
  description = "The stream consumer function."
  type        = string
}

variable "consumer_timeout_seconds" {
  description = "The consumer's timeout, drawn across its duration widget."
  type        = number
}

variable "consumer_delivery_seconds" {
  description = "How long the consumer has to deliver a batch before it hands the rest back, drawn across its duration widget."
  type        = number
}

variable "consumer_log_group_name" {
  description = "The consumer's log group, which the saved queries read."
  type        = string
}

variable "api_log_group_name" {
  description = "The api function's log group."
  type        = string
}

variable "api_id" {
  description = "The HTTP API (its AWS/ApiGateway metrics)."
  type        = string
}

variable "failure_bucket_name" {
  description = "The failure bucket (its AWS/S3 request metrics)."
  type        = string
}

variable "failure_metric_filter_id" {
  description = "The failure bucket's request-metrics filter."
  type        = string
}

variable "email_configuration_set" {
  description = "The welcome emails' SES configuration set: the ses:configuration-set dimension of their AWS/SES metrics."
  type        = string
}

variable "ses_bounce_rate_threshold" {
  description = "The account's SES bounce rate above which the reputation alarm fires, marked on its widget."
  type        = number
}

variable "ses_complaint_rate_threshold" {
  description = "The account's SES complaint rate above which the reputation alarm fires, marked on its widget."
  type        = number
}
