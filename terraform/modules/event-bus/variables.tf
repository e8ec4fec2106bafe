variable "name" {
  description = "Name of the event bus (ripple-<stage>)."
  type        = string
}

variable "archive_retention_days" {
  description = "Days the archive keeps events for replay; 0 keeps them forever."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags for the bus."
  type        = map(string)
  default     = {}
}
