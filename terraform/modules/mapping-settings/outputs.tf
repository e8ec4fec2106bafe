output "settings" {
  description = "The mapping's settings with AWS's defaults filled in; filters are given as JSON strings (filter_patterns)."
  value       = local.settings

  precondition {
    condition     = length(local.unknown_names) == 0
    error_message = "Unknown settings in ${var.file}: ${join(", ", local.unknown_names)} (a typo would silently change nothing)."
  }

  precondition {
    condition     = local.settings.batch_size >= 1 && local.settings.batch_size <= 10000
    error_message = "batch_size must be between 1 and 10000."
  }

  precondition {
    condition     = local.settings.maximum_batching_window_in_seconds >= 0 && local.settings.maximum_batching_window_in_seconds <= 300
    error_message = "maximum_batching_window_in_seconds must be between 0 and 300."
  }

  precondition {
    condition     = contains(["TRIM_HORIZON", "LATEST"], coalesce(local.settings.starting_position, "missing"))
    error_message = "starting_position is required: TRIM_HORIZON or LATEST."
  }

  precondition {
    condition     = local.settings.maximum_retry_attempts >= -1 && local.settings.maximum_retry_attempts <= 10000
    error_message = "maximum_retry_attempts must be -1 (infinite) or between 0 and 10000."
  }

  precondition {
    condition     = local.settings.maximum_record_age_in_seconds == -1 || (local.settings.maximum_record_age_in_seconds >= 60 && local.settings.maximum_record_age_in_seconds <= 604800)
    error_message = "maximum_record_age_in_seconds must be -1 (infinite) or between 60 and 604800."
  }

  precondition {
    condition     = local.settings.parallelization_factor >= 1 && local.settings.parallelization_factor <= 10
    error_message = "parallelization_factor must be between 1 and 10."
  }

  precondition {
    condition     = alltrue([for type in local.settings.function_response_types : type == "ReportBatchItemFailures"])
    error_message = "function_response_types may only hold ReportBatchItemFailures."
  }

  precondition {
    condition     = length(local.settings.filter_patterns) <= 5
    error_message = "filters may hold at most 5 patterns."
  }

  precondition {
    condition     = !(local.settings.filters_from_routes && length(local.settings.filter_patterns) > 0)
    error_message = "filters and filters_from_routes exclude each other: set filters_from_routes to false to use your own filters."
  }

  precondition {
    condition     = local.settings.function_timeout_in_seconds >= 1 && local.settings.function_timeout_in_seconds <= 900
    error_message = "function_timeout_in_seconds must be between 1 and 900."
  }

  precondition {
    condition     = contains(["s3", "none"], local.settings.on_failure_destination)
    error_message = "on_failure_destination must be s3 or none."
  }
}
