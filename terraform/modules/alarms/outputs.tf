output "topic_arn" {
  description = "The SNS topic alarms publish to; subscribe a pager to it."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Names of every alarm."
  value       = [for alarm in aws_cloudwatch_metric_alarm.this : alarm.alarm_name]
}
