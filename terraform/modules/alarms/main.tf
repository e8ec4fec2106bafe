# What pages the engineer: the stream lagging, the consumer failing or running out of time, records discarded to the
# failure destination, a sink failing for good or retrying for minutes, changes reaching a sink late, throttled
# functions and API errors, and — where the routes send welcome emails — the account's SES bounce or complaint rate
# nearing the levels at which SES reviews and then pauses its sending, all to one SNS topic.

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
      percentile  = null
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
      percentile  = null
      threshold   = 0
      datapoints  = 1
    }
    consumer-throttles = {
      description = "Invocations of ${var.consumer_function_name} were throttled (concurrency limit reached)."
      namespace   = "AWS/Lambda"
      metric      = "Throttles"
      dimensions  = { FunctionName = var.consumer_function_name }
      statistic   = "Sum"
      percentile  = null
      threshold   = 0
      datapoints  = 1
    }
    api-throttles = {
      description = "Invocations of ${var.api_function_name} were throttled (concurrency limit reached)."
      namespace   = "AWS/Lambda"
      metric      = "Throttles"
      dimensions  = { FunctionName = var.api_function_name }
      statistic   = "Sum"
      percentile  = null
      threshold   = 0
      datapoints  = 1
    }
    api-5xx = {
      description = "The API answered 5xx (the function failed, timed out, or DynamoDB was unavailable)."
      namespace   = "AWS/ApiGateway"
      metric      = "5xx"
      dimensions  = { ApiId = var.api_id }
      statistic   = "Sum"
      percentile  = null
      threshold   = 0
      datapoints  = 2
    }
    failure-destination-growth = {
      description = "Records were discarded to s3://${var.failure_bucket_name}: inspect them and re-drive once the cause is fixed."
      namespace   = "AWS/S3"
      metric      = "PutRequests"
      dimensions  = { BucketName = var.failure_bucket_name, FilterId = var.failure_metric_filter_id }
      statistic   = "Sum"
      percentile  = null
      threshold   = 0
      datapoints  = 1
    }
    consumer-duration-near-timeout = {
      description = "A batch took more than 80% of the ${var.consumer_delivery_seconds} s the consumer has to deliver one (its ${var.consumer_timeout_seconds} s timeout less S3's call timeout and a second): a slower one hands the rest back to the next invocation, and the shard falls behind."
      namespace   = "AWS/Lambda"
      metric      = "Duration"
      dimensions  = { FunctionName = var.consumer_function_name }
      statistic   = "Maximum"
      percentile  = null
      threshold   = var.consumer_delivery_seconds * 1000 * 0.8
      datapoints  = 1
    }
  }

  # SES computes the account's rates over its recent sending and publishes them now and then, not every minute: a
  # minute without a figure keeps the alarm as it was (missing_data), so that it neither flaps back to OK between
  # figures nor fires on silence. Account-wide: every sender of the account in this region counts, as for SES.
  reputation_alarms = { for name, alarm in {
    ses-bounce-rate = {
      description  = "The account's SES bounce rate is over ${format("%.2f", var.ses_bounce_rate_threshold * 100)}%: SES reviews an account at 5% and may pause its sending at 10% (welcome emails would then wait, retried). Find the addresses that bounce (the dashboard's welcome emails row, the SES console's reputation metrics) and what sent to them."
      namespace    = "AWS/SES"
      metric       = "Reputation.BounceRate"
      dimensions   = {}
      statistic    = "Maximum"
      percentile   = null
      threshold    = var.ses_bounce_rate_threshold
      datapoints   = 1
      missing_data = "ignore"
    }
    ses-complaint-rate = {
      description  = "The account's SES complaint rate is over ${format("%.2f", var.ses_complaint_rate_threshold * 100)}%: SES reviews an account at 0.1% and may pause its sending at 0.5% (welcome emails would then wait, retried). Recipients are marking mail from this account as spam."
      namespace    = "AWS/SES"
      metric       = "Reputation.ComplaintRate"
      dimensions   = {}
      statistic    = "Maximum"
      percentile   = null
      threshold    = var.ses_complaint_rate_threshold
      datapoints   = 1
      missing_data = "ignore"
    }
  } : name => alarm if var.sends_email }

  # Per sink, on the figures the consumer publishes (namespace var.metrics.namespace).
  sink_alarms = merge([for sink in var.sinks : {
    "sink-${sink}-permanent-failures" = {
      description = "The ${sink} sink failed changes for good: they are in s3://${var.failure_bucket_name}; fix the cause, then redrive them."
      namespace   = var.metrics.namespace
      metric      = var.metrics.permanent_failures
      dimensions  = zipmap([var.metrics.stage_dimension, var.metrics.sink_dimension], [var.stage, sink])
      statistic   = "Sum"
      percentile  = null
      threshold   = 0
      datapoints  = 1
    }
    "sink-${sink}-retrying" = {
      description = "The ${sink} sink's calls to its provider have failed in every minute of the last ${var.evaluation_minutes} (changes handed back for a retry; those handed back untried, HandedBackUntried, do not count): its provider is down or refusing; the stream backs up behind it."
      namespace   = var.metrics.namespace
      metric      = var.metrics.retryable_failures
      dimensions  = zipmap([var.metrics.stage_dimension, var.metrics.sink_dimension], [var.stage, sink])
      statistic   = "Sum"
      percentile  = null
      threshold   = 0
      datapoints  = var.evaluation_minutes
    }
    "sink-${sink}-delivery-lag" = {
      description = "Changes reach the ${sink} sink more than ${var.delivery_lag_threshold_ms} ms after they were made (p99, every minute of the last ${var.evaluation_minutes})."
      namespace   = var.metrics.namespace
      metric      = var.metrics.delivery_lag
      dimensions  = zipmap([var.metrics.stage_dimension, var.metrics.sink_dimension], [var.stage, sink])
      statistic   = null
      percentile  = "p99"
      threshold   = var.delivery_lag_threshold_ms
      datapoints  = var.evaluation_minutes
    }
  }]...)
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = merge(local.alarms, local.sink_alarms, local.reputation_alarms)

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  extended_statistic  = each.value.percentile
  period              = 60
  evaluation_periods  = var.evaluation_minutes
  datapoints_to_alarm = each.value.datapoints
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = try(each.value.missing_data, "notBreaching")
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}
