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

# What the operator's `ripple` command calls on this stage (docs/operating.md): attach the policy to the operators'
# role or group. ListEventSourceMappings cannot be scoped to a resource; sts:GetCallerIdentity needs no permission.
data "aws_iam_policy_document" "operator" {
  statement {
    sid       = "ScanAndReplayTheTable"
    actions   = ["dynamodb:DescribeTable", "dynamodb:Query", "dynamodb:Scan"]
    resources = [module.table.table_arn]
  }

  statement {
    sid       = "InvokeTheConsumer"
    actions   = ["lambda:InvokeFunction"]
    resources = [module.consumer_function.alias_arn]
  }

  statement {
    sid       = "DescribeTheMapping"
    actions   = ["lambda:ListEventSourceMappings"]
    resources = ["*"]
  }

  statement {
    sid       = "ReadColdStarts"
    actions   = ["logs:FilterLogEvents"]
    resources = [module.api_function.log_group_arn, module.consumer_function.log_group_arn]
  }

  statement {
    sid       = "ListFailures"
    actions   = ["s3:ListBucket"]
    resources = [module.stream_consumer.failure_bucket_arn]
  }

  statement {
    sid       = "ReadAndMoveFailures"
    actions   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
    resources = ["${module.stream_consumer.failure_bucket_arn}/*"]
  }
}

resource "aws_iam_policy" "operator" {
  name        = "${local.name}-operator"
  description = "Ripple ${var.stage}: what the operator's ripple command (failures, redrive, backfill, replay, status, cold-starts) calls"
  policy      = data.aws_iam_policy_document.operator.json
}
