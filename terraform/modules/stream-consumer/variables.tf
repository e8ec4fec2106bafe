variable "name" {
  description = "Prefix for the names of what this module creates (ripple-<stage>)."
  type        = string
}

variable "stream_arn" {
  description = "The table's stream."
  type        = string
}

variable "function_arn" {
  description = "The consumer to invoke: its alias ARN, so that batches reach the published (SnapStart) version."
  type        = string
}

variable "function_role_name" {
  description = "The consumer's execution role: the mapping reads the stream and writes to the failure destination with it."
  type        = string
}

variable "settings" {
  description = "The mapping's settings as modules/mapping-settings reads them from terraform/event-source-mapping.json."
  type = object({
    batch_size                         = number
    maximum_batching_window_in_seconds = number
    starting_position                  = string
    bisect_batch_on_function_error     = bool
    maximum_retry_attempts             = number
    maximum_record_age_in_seconds      = number
    parallelization_factor             = number
    function_response_types            = list(string)
    on_failure_destination             = string
  })

  # The local stack may run without one; a stage on AWS does not lose what it cannot deliver.
  validation {
    condition     = var.settings.on_failure_destination == "s3"
    error_message = "On AWS, on_failure_destination must be s3: the records the mapping discards and the consumer sets aside are kept in the stage's failure bucket."
  }
}

variable "filter_patterns" {
  description = "Filter patterns (JSON strings, OR'ed); empty lets every change through."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.filter_patterns) <= 5
    error_message = "Lambda takes at most 5 filter patterns."
  }
}

variable "failure_bucket_name" {
  description = "Name of the S3 bucket for discarded batches (globally unique)."
  type        = string
}

variable "failure_retention_days" {
  description = "Days a discarded batch is kept in the failure bucket before it expires."
  type        = number
  default     = 90
}

variable "force_destroy_failure_bucket" {
  description = "Let terraform destroy delete the failure bucket with what it holds (for throw-away stages)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for the bucket and the mapping."
  type        = map(string)
  default     = {}
}
