output "sender_identity_arn" {
  description = "ARN of the sender identity."
  value       = aws_sesv2_email_identity.sender.arn
}

output "send_email_resource_arns" {
  description = "What ses:SendEmail is granted on: the sender identity, the sandbox recipients' identities, the template and the configuration set."
  value = concat(
    [aws_sesv2_email_identity.sender.arn, aws_ses_template.welcome.arn, aws_sesv2_configuration_set.welcome.arn],
    [for identity in aws_sesv2_email_identity.sandbox_recipient : identity.arn]
  )
}

output "dkim_tokens" {
  description = "For a domain identity: the three CNAME records (<token>._domainkey.<domain> -> <token>.dkim.amazonses.com) to publish."
  value       = try(aws_sesv2_email_identity.sender.dkim_signing_attributes[0].tokens, [])
}

output "template_name" {
  description = "Name of the welcome template."
  value       = aws_ses_template.welcome.name
}

output "template_arn" {
  description = "ARN of the welcome template."
  value       = aws_ses_template.welcome.arn
}

output "configuration_set_name" {
  description = "The welcome emails' configuration set: the ses:configuration-set dimension of their AWS/SES metrics."
  value       = aws_sesv2_configuration_set.welcome.configuration_set_name
}
