variable "sender_identity" {
  description = "The SES identity welcome emails are sent from: the sender address itself, or its domain."
  type        = string
}

variable "sandbox_recipients" {
  description = "Addresses to verify as recipients while the account is in the SES sandbox (it only delivers to verified identities)."
  type        = list(string)
  default     = []
}

variable "template_name" {
  description = "Name of the welcome email template in SES."
  type        = string
}

variable "subject" {
  description = "Subject of the welcome email; {{name}} and {{email}} are filled in."
  type        = string
}

variable "text" {
  description = "Plain-text body; {{name}} and {{email}} are filled in."
  type        = string
}

variable "html" {
  description = "HTML body; use {{{nameHtml}}} and {{{emailHtml}}}, which Ripple HTML-escapes (SES inserts template data as given)."
  type        = string
}

variable "configuration_set_name" {
  description = "The configuration set the welcome emails are sent with; it publishes their events to CloudWatch."
  type        = string
}

variable "tags" {
  description = "Tags for the identities."
  type        = map(string)
  default     = {}
}
