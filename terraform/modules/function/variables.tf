variable "name" {
  description = "Function name; its log group is /aws/lambda/<name>."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.name))
    error_message = "Function names are 1 to 64 letters, digits, '-' and '_'."
  }
}

variable "description" {
  description = "What the function does, shown in the console."
  type        = string
  default     = ""
}

variable "jar_path" {
  description = "The shaded Lambda jar to deploy (built by ./mvnw -B -DskipTests package)."
  type        = string
}

variable "handler" {
  description = "The handler class (and method, for a RequestHandler: Class::handleRequest)."
  type        = string
}

variable "runtime" {
  description = "Lambda's Java runtime."
  type        = string
  default     = "java21"

  validation {
    condition     = contains(["java21", "java25"], var.runtime)
    error_message = "Ripple runs on java21 or java25."
  }
}

variable "architecture" {
  description = "Instruction set: x86_64 or arm64 (Graviton; cheaper per GB-second)."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture is x86_64 or arm64."
  }
}

variable "memory_size" {
  description = "Memory in MB; CPU grows with it."
  type        = number
  default     = 1024

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size is between 128 and 10240 MB."
  }
}

variable "timeout" {
  description = "Seconds an invocation may run."
  type        = number
  default     = 30

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900
    error_message = "timeout is between 1 and 900 seconds."
  }
}

variable "reserved_concurrent_executions" {
  description = "Concurrency reserved for (and capping) the function; -1 leaves it unreserved."
  type        = number
  default     = -1
}

variable "snap_start_enabled" {
  description = "Restore published versions from a snapshot taken after initialisation (SnapStart) instead of starting the JVM cold."
  type        = bool
  default     = true
}

variable "alias_name" {
  description = "Alias that always points at the latest published version; callers and the event source mapping invoke it."
  type        = string
  default     = "live"
}

variable "environment" {
  description = "Environment variables (configuration only: secrets stay in Secrets Manager and are read at run time)."
  type        = map(string)
  default     = {}
}

variable "policy_json" {
  description = "IAM policy (JSON) with what the function's code calls, attached to its role beside the log permissions."
  type        = string
}

variable "log_retention_days" {
  description = "How long the function's logs are kept."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs offers (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "log_format" {
  description = "JSON (the jars' own lines kept as written, platform lines as JSON, levels filtered) or Text."
  type        = string
  default     = "JSON"

  validation {
    condition     = contains(["JSON", "Text"], var.log_format)
    error_message = "log_format is JSON or Text."
  }
}

variable "application_log_level" {
  description = "With JSON logs: the lowest level of the function's own lines Lambda keeps (TRACE, DEBUG or INFO). Not WARN or above: metric (EMF) lines carry no level, Lambda counts them as INFO, and would drop them."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO"], var.application_log_level)
    error_message = "application_log_level is TRACE, DEBUG or INFO: above INFO, Lambda would drop the metric lines."
  }
}

variable "system_log_level" {
  description = "With JSON logs: the lowest level of Lambda's platform lines kept (DEBUG, INFO or WARN; REPORT lines are INFO)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN"], var.system_log_level)
    error_message = "system_log_level is DEBUG, INFO or WARN."
  }
}

variable "java_tool_options" {
  description = "The function's JAVA_TOOL_OPTIONS; empty sets none, and the JVM runs with the flags the Lambda runtime gives it."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags for the function, its role and its log group."
  type        = map(string)
  default     = {}
}
