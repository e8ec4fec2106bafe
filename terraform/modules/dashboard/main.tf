# One CloudWatch dashboard per stage (ripple-<stage>): is every change reaching every sink, how late, what is failing —
# and for marketing, how the welcome emails fare. Beside it, the Logs Insights queries an engineer starts from.

locals {

  # One line per sink of a metric of the consumer's: [namespace, metric, Stage, <stage>, Sink, <sink>, options].
  delivered = [for sink in var.sinks : [var.metrics.namespace, var.metrics.delivered, var.metrics.stage_dimension, var.stage,
  var.metrics.sink_dimension, sink, { label = sink }]]
  retried = [for sink in var.sinks : [var.metrics.namespace, var.metrics.retryable_failures, var.metrics.stage_dimension,
  var.stage, var.metrics.sink_dimension, sink, { label = sink }]]
  failed = [for sink in var.sinks : [var.metrics.namespace, var.metrics.permanent_failures, var.metrics.stage_dimension,
  var.stage, var.metrics.sink_dimension, sink, { label = sink }]]
  untried = [for sink in var.sinks : [var.metrics.namespace, var.metrics.handed_back_untried, var.metrics.stage_dimension,
  var.stage, var.metrics.sink_dimension, sink, { label = sink }]]
  earlier = [for sink in var.sinks : [var.metrics.namespace, var.metrics.delivered_earlier, var.metrics.stage_dimension,
  var.stage, var.metrics.sink_dimension, sink, { label = sink }]]

  lag = flatten([for sink in var.sinks : [
    [var.metrics.namespace, var.metrics.delivery_lag, var.metrics.stage_dimension, var.stage, var.metrics.sink_dimension, sink,
    { label = "${sink} p50", stat = "p50" }],
    [var.metrics.namespace, var.metrics.delivery_lag, var.metrics.stage_dimension, var.stage, var.metrics.sink_dimension, sink,
    { label = "${sink} p99", stat = "p99" }],
  ]])

  widgets = [
    { title = "Iterator age (how far the consumer is behind the stream)", stat = "Maximum", metrics = [
      ["AWS/Lambda", "IteratorAge", "FunctionName", var.consumer_function_name, { label = "max ms" }]
    ] },
    { title = "Delivered per sink", stat = "Sum", metrics = local.delivered },
    { title = "Retried per sink (tried and failed: handed back to the stream)", stat = "Sum", metrics = local.retried },
    { title = "Failed for good per sink (in the failure bucket)", stat = "Sum", metrics = local.failed },
    { title = "Delivery lag per sink, p50 and p99 (ms from the change to its effect)", stat = "p99", metrics = local.lag },
    { title = "Already done, per sink (a receipt said so: retries, redrives)", stat = "Sum", metrics = local.earlier },
    { title = "Consumer: errors, throttles", stat = "Sum", metrics = [
      ["AWS/Lambda", "Errors", "FunctionName", var.consumer_function_name],
      ["AWS/Lambda", "Throttles", "FunctionName", var.consumer_function_name],
      [var.metrics.namespace, var.metrics.undecodable, var.metrics.stage_dimension, var.stage, { label = "undecodable records" }],
    ] },
    { title = "Consumer duration against its ${var.consumer_timeout_seconds} s timeout (ms)", stat = "Maximum",
      annotations = { horizontal = [{ label = "timeout", value = var.consumer_timeout_seconds * 1000 },
        { label = "hands the rest back", value = var.consumer_delivery_seconds * 1000 }] }, metrics = [
        ["AWS/Lambda", "Duration", "FunctionName", var.consumer_function_name, { label = "max" }],
        ["AWS/Lambda", "Duration", "FunctionName", var.consumer_function_name, { label = "p99", stat = "p99" }],
    ] },
    { title = "Writes to the failure bucket", stat = "Sum", metrics = [
      ["AWS/S3", "PutRequests", "BucketName", var.failure_bucket_name, "FilterId", var.failure_metric_filter_id]
    ] },
    { title = "Slack: rate-limit waits", stat = "Sum", metrics = [
      [var.metrics.namespace, var.metrics.slack_rate_limit_waits, var.metrics.stage_dimension, var.stage, var.metrics.sink_dimension, "slack", { label = "waits" }],
      [var.metrics.namespace, var.metrics.slack_rate_limit_wait_seconds, var.metrics.stage_dimension, var.stage, var.metrics.sink_dimension, "slack", { label = "seconds waited" }],
    ] },
    { title = "API: requests, 4xx, 5xx", stat = "Sum", metrics = [
      ["AWS/ApiGateway", "Count", "ApiId", var.api_id],
      ["AWS/ApiGateway", "4xx", "ApiId", var.api_id],
      ["AWS/ApiGateway", "5xx", "ApiId", var.api_id],
    ] },
    { title = "API latency p99 (ms)", stat = "p99", metrics = [
      ["AWS/ApiGateway", "Latency", "ApiId", var.api_id],
      ["AWS/ApiGateway", "IntegrationLatency", "ApiId", var.api_id],
    ] },
    { title = "Welcome emails: sent, delivered, bounced, complained, rejected", stat = "Sum", metrics = [
      for event in ["Send", "Delivery", "Bounce", "Complaint", "Reject"] :
      ["AWS/SES", event, "ses:configuration-set", var.email_configuration_set]
    ] },
    { title = "Handed back untried per sink (out of time, behind an earlier failure, held by another delivery)",
    stat = "Sum", metrics = local.untried },
    { title = "SES reputation of the whole account: bounce and complaint rate (0 to 1)", stat = "Maximum",
      annotations = { horizontal = [{ label = "bounce alarm", value = var.ses_bounce_rate_threshold },
        { label = "complaint alarm", value = var.ses_complaint_rate_threshold }] }, metrics = [
        ["AWS/SES", "Reputation.BounceRate", { label = "bounce rate" }],
        ["AWS/SES", "Reputation.ComplaintRate", { label = "complaint rate" }],
    ] },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = [for index, widget in local.widgets : {
      type   = "metric"
      x      = (index % 2) * 12
      y      = floor(index / 2) * 6
      width  = 12
      height = 6
      properties = merge({
        title   = widget.title
        region  = var.region
        view    = "timeSeries"
        stacked = false
        period  = 60
        stat    = widget.stat
        metrics = widget.metrics
      }, try({ annotations = widget.annotations }, {}))
    }]
  })
}

resource "aws_cloudwatch_query_definition" "failures_by_sink" {
  name            = "${var.name}/failures-by-sink-and-reason"
  log_group_names = [var.consumer_log_group_name]
  query_string    = <<-EOT
    fields @timestamp, sink, outcome, reason, itemType, sequenceNumber
    | filter ispresent(outcome)
    | stats count(*) as failures by sink, outcome, reason
    | sort failures desc
  EOT
}

resource "aws_cloudwatch_query_definition" "audit_trail" {
  name            = "${var.name}/audit-trail-of-one-item"
  log_group_names = [var.consumer_log_group_name]
  query_string    = <<-EOT
    fields @timestamp, audit.eventName, audit.sequenceNumber, audit.version, requestId
    | filter logger = "ripple.audit" and audit.keys.pk = "VOTE#replace-with-the-item-pk"
    | sort @timestamp asc
  EOT
}

resource "aws_cloudwatch_query_definition" "slowest_batches" {
  name            = "${var.name}/slowest-batches"
  log_group_names = [var.consumer_log_group_name]
  query_string    = <<-EOT
    fields @timestamp, durationMs, records, delivered, toFailureDestination, retryFrom, firstSequenceNumber, requestId
    | filter ispresent(durationMs)
    | sort durationMs desc
    | limit 25
  EOT
}

resource "aws_cloudwatch_query_definition" "api_refusals" {
  name            = "${var.name}/api-errors"
  log_group_names = [var.api_log_group_name]
  query_string    = <<-EOT
    fields @timestamp, level, logger, message, exception, requestId
    | filter level in ["WARN", "ERROR"]
    | sort @timestamp desc
    | limit 100
  EOT
}
