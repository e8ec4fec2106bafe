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

  # One entry per alarm; the values a metric alarm needs beyond the common ones below.
  alarms = {
    stream-iterator-age = {
      description = "The consumer is more than ${var.iterator_age_threshold_ms} ms behind the table's stream; records older than 24 h are lost."
      namespace   = "AWS/Lambda"
      metric      = "IteratorAge"
      dimensions  = { FunctionName = var.consumer_function_name }
      statistic   = "Maximum"
      threshold   = var.iterator_age_threshold_ms
      # Lagging is a trend: every minute of the window must be over the threshold.
      datapoints = var.evaluation_minutes
    }
    consumer-errors = {
      description = "The stream consumer failed whole batches (thrown errors or timeouts); the mapping retries them."
      namespace   = "AWS/Lambda"
      metric      = "Errors"
      dimensions  = { FunctionName = var.consumer_function_name }
      statistic   = "Sum"
      threshold   = 0
      datapoints  = 1
    }
    consumer-throttles = {
      description = "Invocations of ${var.consumer_function_name} were throttled (concurrency limit reached)."
      namespace   = "AWS/Lambda"
      metric      = "Throttles"
      dimensions  = { FunctionName = var.consumer_function_name }
      statistic   = "Sum"
      threshold   = 0
      datapoints  = 1
    }
    api-throttles = {
      description = "Invocations of ${var.api_function_name} were throttled (concurrency limit reached)."
      namespace   = "AWS/Lambda"
      metric      = "Throttles"
      dimensions  = { FunctionName = var.api_function_name }
      statistic   = "Sum"
      threshold   = 0
      datapoints  = 1
    }
    api-5xx = {
      description = "The API answered 5xx (the function failed, timed out, or DynamoDB was unavailable)."
      namespace   = "AWS/ApiGateway"
      metric      = "5xx"
      dimensions  = { ApiId = var.api_id }
      statistic   = "Sum"
      threshold   = 0
      datapoints  = 2
    }
    failure-destination-growth = {
      description = "Records were discarded to s3://${var.failure_bucket_name}: inspect them and re-drive once the cause is fixed."
      namespace   = "AWS/S3"
      metric      = "PutRequests"
      dimensions  = { BucketName = var.failure_bucket_name, FilterId = var.failure_metric_filter_id }
      statistic   = "Sum"
      threshold   = 0
      datapoints  = 1
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = 60
  evaluation_periods  = var.evaluation_minutes
  datapoints_to_alarm = each.value.datapoints
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}
