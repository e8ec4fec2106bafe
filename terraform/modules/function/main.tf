# One Java function from a shaded jar: its own role (logs plus whatever policy_json grants), its own log group with
# a retention, a published version restored with SnapStart and an alias that callers invoke.

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    sid     = "LambdaAssumesTheRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${var.name}-role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

# Only the function's own log group: the group exists already, so no logs:CreateLogGroup.
data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }
}

resource "aws_iam_role_policy" "logs" {
  name   = "logs"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.logs.json
}

# Always given: a count on whether it is would depend on ARNs that are unknown until the first apply.
resource "aws_iam_role_policy" "access" {
  name   = "access"
  role   = aws_iam_role.this.id
  policy = var.policy_json
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  description   = var.description
  role          = aws_iam_role.this.arn

  filename         = var.jar_path
  source_code_hash = filebase64sha256(var.jar_path)
  handler          = var.handler
  runtime          = var.runtime
  architectures    = [var.architecture]
  memory_size      = var.memory_size
  timeout          = var.timeout

  reserved_concurrent_executions = var.reserved_concurrent_executions

  # SnapStart snapshots published versions only.
  publish = true

  dynamic "snap_start" {
    for_each = var.snap_start_enabled ? [true] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  environment {
    variables = merge(var.environment, local.java_tool_options)
  }

  # The jars write one JSON object per line themselves; with the JSON format Lambda keeps them as they are, writes
  # its own platform lines (START, REPORT) as JSON too, and drops lines below the levels before they are stored.
  logging_config {
    log_format            = var.log_format
    log_group             = aws_cloudwatch_log_group.this.name
    application_log_level = var.log_format == "JSON" ? var.application_log_level : null
    system_log_level      = var.log_format == "JSON" ? var.system_log_level : null
  }

  tags = var.tags

  # The first invocations must find their permissions and their log group in place.
  depends_on = [aws_iam_role_policy.logs, aws_iam_role_policy.access]
}

resource "aws_lambda_alias" "this" {
  name             = var.alias_name
  description      = "The version in service"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

locals {
  # Without options the variable is left out, so the JVM runs with the flags the Lambda runtime gives it.
  java_tool_options = var.java_tool_options == "" ? {} : { JAVA_TOOL_OPTIONS = var.java_tool_options }
}
