output "topic_arn" {
  description = "The SNS topic alarms publish to; subscribe a pager to it."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Names of every alarm."
  value = concat(
    [aws_cloudwatch_metric_alarm.iterator_age.alarm_name, aws_cloudwatch_metric_alarm.consumer_errors.alarm_name, aws_cloudwatch_metric_alarm.api_5xx.alarm_name],
    [for alarm in aws_cloudwatch_metric_alarm.throttles : alarm.alarm_name],
    [for alarm in aws_cloudwatch_metric_alarm.failure_destination : alarm.alarm_name]
  )
}
