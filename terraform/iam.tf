# What each function's code calls, and nothing else: named actions on named resources. The consumer's stream read
# and failure-bucket permissions are granted by modules/stream-consumer, next to the mapping that needs them.
# DynamoDB's TransactWriteItems is authorised per item, by PutItem and ConditionCheckItem.

data "aws_iam_policy_document" "api" {
  statement {
    sid = "VotesCustomersPlaysAndEventLogs"
    actions = [
      "dynamodb:ConditionCheckItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]
    resources = [module.table.table_arn]
  }

  statement {
    sid       = "VotesOfAContent"
    actions   = ["dynamodb:Query"]
    resources = module.table.index_arns
  }

  statement {
    sid       = "IdempotencyKeys"
    actions   = ["dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [module.table.receipts_table_arn]
  }
}

data "aws_iam_policy_document" "consumer" {
  statement {
    sid       = "PlaysAndBadges"
    actions   = ["dynamodb:PutItem", "dynamodb:Query"]
    resources = [module.table.table_arn]
  }

  statement {
    sid       = "ReceiptsAndPlayerSummaries"
    actions   = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [module.table.receipts_table_arn]
  }

  statement {
    sid       = "WelcomeEmails"
    actions   = ["ses:SendEmail"]
    resources = module.email.send_email_resource_arns
  }

  statement {
    sid       = "SlackWebhook"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.slack_webhook.arn]
  }

  dynamic "statement" {
    for_each = var.eventbridge_enabled ? [true] : []
    content {
      sid       = "PublishChanges"
      actions   = ["events:PutEvents"]
      resources = [module.event_bus[0].bus_arn]
    }
  }
}
