variable "name" {
  description = "Name of the user pool (ripple-<stage>); its app client is <name>-services."
  type        = string
}

variable "domain_prefix" {
  description = "Prefix of the pool's domain, <prefix>.auth.<region>.amazoncognito.com: unique in the region, lower-case letters, digits and '-'."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", var.domain_prefix)) && !can(regex("aws|amazon|cognito", var.domain_prefix))
    error_message = "domain_prefix is 1 to 63 lower-case letters, digits and '-', and may not contain aws, amazon or cognito."
  }
}

variable "resource_server_identifier" {
  description = "The resource server's identifier: the first part of every scope (<identifier>/<name>)."
  type        = string
  default     = "ripple"
}

variable "scopes" {
  description = "The resource server's scopes: name (without the identifier) => description."
  type        = map(string)
}

variable "service_scopes" {
  description = "The scope names (without the identifier) the services' client-credentials app client may ask for."
  type        = list(string)
}

variable "access_token_validity_minutes" {
  description = "How long an access token lives (5 to 1440 minutes)."
  type        = number
  default     = 60

  validation {
    condition     = var.access_token_validity_minutes >= 5 && var.access_token_validity_minutes <= 1440
    error_message = "access_token_validity_minutes is between 5 and 1440."
  }
}

variable "deletion_protection_enabled" {
  description = "Refuse to delete the user pool (and with it every app client's secret)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for the user pool."
  type        = map(string)
  default     = {}
}
