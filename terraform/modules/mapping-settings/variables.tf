variable "file" {
  description = "Path of the settings file shared with the local stack (terraform/event-source-mapping.json)."
  type        = string
}
