# The event source mapping between the table's stream and the consumer, with the settings the local emulator runs
# with, and the S3 bucket that keeps what cannot be delivered with the full records (docs/design.md: the failure
# destination): the batches the mapping discards, and the records the consumer sets aside with their reason.

resource "aws_s3_bucket" "failures" {
  bucket        = var.failure_bucket_name
  force_destroy = var.force_destroy_failure_bucket
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "failures" {
  bucket                  = aws_s3_bucket.failures.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "failures" {
  bucket = aws_s3_bucket.failures.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "failures" {
  bucket = aws_s3_bucket.failures.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "failures" {
  bucket = aws_s3_bucket.failures.id
  rule {
    id     = "expire-discarded-batches"
    status = "Enabled"
    filter {}
    expiration {
      days = var.failure_retention_days
    }
  }
}

# Per-minute request metrics, so that an alarm sees the bucket grow while it happens (the storage metrics are daily).
resource "aws_s3_bucket_metric" "failures" {
  bucket = aws_s3_bucket.failures.id
  name   = "discarded-batches"
}

data "aws_iam_policy_document" "mapping" {
  statement {
    sid       = "ReadTheTableStream"
    actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]
    resources = [var.stream_arn]
  }

  # ListStreams has no resource-level permissions: only "*" matches it (the Service Authorization Reference lists no
  # resource type for it), so a statement scoped to the stream grants nothing. It lists stream ARNs, nothing more.
  statement {
    sid       = "ListStreams"
    actions   = ["dynamodb:ListStreams"]
    resources = ["*"]
  }

  # Lambda writes the batches it discards; the consumer writes the records it sets aside (ripple/permanent-failures/).
  statement {
    sid       = "KeepDiscardedBatches"
    actions   = ["s3:PutObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.failures.arn, "${aws_s3_bucket.failures.arn}/*"]
  }
}

resource "aws_iam_role_policy" "mapping" {
  name   = "event-source-mapping"
  role   = var.function_role_name
  policy = data.aws_iam_policy_document.mapping.json
}

resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn = var.stream_arn
  function_name    = var.function_arn

  batch_size                         = var.settings.batch_size
  maximum_batching_window_in_seconds = var.settings.maximum_batching_window_in_seconds
  starting_position                  = var.settings.starting_position
  bisect_batch_on_function_error     = var.settings.bisect_batch_on_function_error
  maximum_retry_attempts             = var.settings.maximum_retry_attempts
  maximum_record_age_in_seconds      = var.settings.maximum_record_age_in_seconds
  parallelization_factor             = var.settings.parallelization_factor
  function_response_types            = var.settings.function_response_types

  dynamic "filter_criteria" {
    for_each = length(var.filter_patterns) > 0 ? [true] : []
    content {
      dynamic "filter" {
        for_each = var.filter_patterns
        content {
          pattern = filter.value
        }
      }
    }
  }

  destination_config {
    on_failure {
      destination_arn = aws_s3_bucket.failures.arn
    }
  }

  # EventCount and friends per mapping, beside the function's IteratorAge.
  metrics_config {
    metrics = ["EventCount"]
  }

  tags = var.tags

  # AWS checks the role's permissions when the mapping is created.
  depends_on = [aws_iam_role_policy.mapping]
}
