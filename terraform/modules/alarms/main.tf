# What pages the engineer: the stream lagging, the consumer failing, records discarded to the failure destination,
# throttled functions and API errors, all to one SNS topic.

# No KMS key: CloudWatch alarms cannot publish to a topic encrypted with the AWS managed aws/sns key, and the
# alarms carry nothing but alarm names and figures.
resource "aws_sns_topic" "alarms" {
  name = "${var.name}-alarms"
  tags = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.email_subscribers)

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

locals {
  alarm_actions = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "iterator_age" {
  alarm_name          = "${var.name}-stream-iterator-age"
  alarm_description   = "The consumer is more than ${var.iterator_age_threshold_ms} ms behind the table's stream; records older than 24 h are lost."
  namespace           = "AWS/Lambda"
  metric_name         = "IteratorAge"
  dimensions          = { FunctionName = var.consumer_function_name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = var.evaluation_minutes
  threshold           = var.iterator_age_threshold_ms
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "consumer_errors" {
  alarm_name          = "${var.name}-consumer-errors"
  alarm_description   = "The stream consumer failed whole batches (thrown errors or timeouts); the mapping retries them."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = var.consumer_function_name }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = var.evaluation_minutes
  datapoints_to_alarm = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "throttles" {
  for_each = {
    consumer = var.consumer_function_name
    api      = var.api_function_name
  }

  alarm_name          = "${var.name}-${each.key}-throttles"
  alarm_description   = "Invocations of ${each.value} were throttled (concurrency limit reached)."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = var.evaluation_minutes
  datapoints_to_alarm = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "failure_destination" {
  count = var.failure_destination_enabled ? 1 : 0

  alarm_name          = "${var.name}-failure-destination-growth"
  alarm_description   = "Batches were discarded to s3://${var.failure_bucket_name}: inspect them and re-drive once the cause is fixed."
  namespace           = "AWS/S3"
  metric_name         = "PutRequests"
  dimensions          = { BucketName = var.failure_bucket_name, FilterId = var.failure_metric_filter_id }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  alarm_name          = "${var.name}-api-5xx"
  alarm_description   = "The API answered 5xx (the function failed, timed out, or DynamoDB was unavailable)."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = var.api_id }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = var.evaluation_minutes
  datapoints_to_alarm = 2
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}
