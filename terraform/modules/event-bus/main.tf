# The bus the eventbridge sink publishes every change to, and an archive of it, so that a subscriber added later
# or one that failed can be replayed what it missed (aws events start-replay).

resource "aws_cloudwatch_event_bus" "this" {
  name = var.name
  tags = var.tags
}

resource "aws_cloudwatch_event_archive" "this" {
  name             = "${var.name}-archive"
  description      = "Every event on ${var.name}, for replay"
  event_source_arn = aws_cloudwatch_event_bus.this.arn
  retention_days   = var.archive_retention_days
}
