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

# Every welcome email is sent with this configuration set, which publishes its fate to CloudWatch (namespace AWS/SES,
# dimension ses:configuration-set): marketing sees how many went out, arrived, bounced or were complained about.
resource "aws_sesv2_configuration_set" "welcome" {
  configuration_set_name = var.configuration_set_name
  tags                   = var.tags

  # An address that bounced or complained is not mailed again, whatever the account's own suppression settings: SES
  # accepts the send and reports it as a bounce, and the account's reputation (alarmed on) is spared.
  suppression_options {
    suppressed_reasons = ["BOUNCE", "COMPLAINT"]
  }
}

resource "aws_sesv2_configuration_set_event_destination" "cloudwatch" {
  configuration_set_name = aws_sesv2_configuration_set.welcome.configuration_set_name
  event_destination_name = "cloudwatch"

  event_destination {
    enabled              = true
    matching_event_types = ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT"]

    cloud_watch_destination {
      dimension_configuration {
        dimension_name          = "ses:configuration-set"
        dimension_value_source  = "MESSAGE_TAG"
        default_dimension_value = var.configuration_set_name
      }
    }
  }
}
