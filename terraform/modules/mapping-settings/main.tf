# Reads the event source mapping's settings file that the local stack's emulator reads too, fills in AWS's
# defaults for what it leaves out and refuses what AWS or the emulator would refuse - the same rules as
# local/.../EventSourceMappingConfig. A test evaluates this module with terraform and compares it with Java's
# reading of the same file.

locals {
  # Keys starting with "_" are comments.
  given = { for name, value in jsondecode(file(var.file)) : name => value if !startswith(name, "_") }

  known_names = [
    "batch_size", "maximum_batching_window_in_seconds", "starting_position", "bisect_batch_on_function_error",
    "maximum_retry_attempts", "maximum_record_age_in_seconds", "parallelization_factor", "function_response_types",
    "filters_from_routes", "filters", "on_failure_destination", "function_timeout_in_seconds",
  ]
  unknown_names = sort(setsubtract(keys(local.given), local.known_names))

  settings = {
    batch_size                         = lookup(local.given, "batch_size", 100)
    maximum_batching_window_in_seconds = lookup(local.given, "maximum_batching_window_in_seconds", 0)
    starting_position                  = lookup(local.given, "starting_position", null)
    bisect_batch_on_function_error     = lookup(local.given, "bisect_batch_on_function_error", false)
    maximum_retry_attempts             = lookup(local.given, "maximum_retry_attempts", -1)
    maximum_record_age_in_seconds      = lookup(local.given, "maximum_record_age_in_seconds", -1)
    parallelization_factor             = lookup(local.given, "parallelization_factor", 1)
    function_response_types            = tolist(lookup(local.given, "function_response_types", []))
    filters_from_routes                = lookup(local.given, "filters_from_routes", true)
    # Lambda takes each pattern as a JSON string.
    filter_patterns        = [for pattern in lookup(local.given, "filters", []) : jsonencode(pattern)]
    on_failure_destination = lookup(local.given, "on_failure_destination", "none")
    # Not the mapping's but the consumer's: Terraform gives it to the function, the emulator cuts invocations off.
    function_timeout_in_seconds = lookup(local.given, "function_timeout_in_seconds", 3)
  }
}
