variable "name" {
  description = "Name of the HTTP API (ripple-<stage>)."
  type        = string
}

variable "function_name" {
  description = "Name of the api function."
  type        = string
}

variable "function_alias_name" {
  description = "The api function's alias that the integration invokes."
  type        = string
}

variable "function_alias_invoke_arn" {
  description = "Invoke ARN of that alias."
  type        = string
}

variable "throttling_rate_limit" {
  description = "Requests per second the stage accepts on average before answering 429."
  type        = number
  default     = 50
}

variable "throttling_burst_limit" {
  description = "Requests the stage accepts in a burst before answering 429."
  type        = number
  default     = 100
}

variable "integration_timeout_milliseconds" {
  description = "How long API Gateway waits for the function (at most 30000)."
  type        = number
  default     = 29000

  validation {
    condition     = var.integration_timeout_milliseconds >= 50 && var.integration_timeout_milliseconds <= 30000
    error_message = "integration_timeout_milliseconds is between 50 and 30000."
  }
}

variable "access_log_retention_days" {
  description = "How long the access log is kept."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags for the API, its stage and its access log group."
  type        = map(string)
  default     = {}
}
