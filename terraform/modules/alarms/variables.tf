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
