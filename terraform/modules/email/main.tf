# The sender identity, the recipients verified for the sandbox and the welcome template the welcome-email sink
# sends with (ripple.sinks.welcome-email.template). Verifying an address (the link SES mails) or a domain (its DKIM
# records) happens out of band; see the README.

resource "aws_sesv2_email_identity" "sender" {
  email_identity = var.sender_identity
  tags           = var.tags
}

resource "aws_sesv2_email_identity" "sandbox_recipient" {
  for_each = toset(var.sandbox_recipients)

  email_identity = each.value
  tags           = var.tags
}

resource "aws_ses_template" "welcome" {
  name    = var.template_name
  subject = var.subject
  text    = var.text
  html    = var.html
}
