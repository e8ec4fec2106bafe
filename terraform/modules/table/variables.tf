variable "name" {
  description = "Name of the single table (ripple.table.name); the receipts table is \"<name>-receipts\"."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,246}$", var.name))
    error_message = "Table names are 3 to 246 characters of letters, digits, '_', '.' and '-' (room is left for \"-receipts\")."
  }
}

variable "point_in_time_recovery_enabled" {
  description = "Keep continuous backups of the single table (restore to any second of the last 35 days)."
  type        = bool
  default     = true
}

variable "deletion_protection_enabled" {
  description = "Refuse DeleteTable on both tables (turn it on for prod)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for both tables."
  type        = map(string)
  default     = {}
}
