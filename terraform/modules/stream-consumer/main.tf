# The event source mapping between the table's stream and the consumer, with the settings the local emulator runs
# with, and the S3 bucket that keeps discarded batches with their full records (DESIGN.md: the failure destination).

locals {
  failure_bucket_enabled = var.settings.on_failure_destination == "s3"
}

resource "aws_s3_bucket" "failures" {
  count = local.failure_bucket_enabled ? 1 : 0

  bucket        = var.failure_bucket_name
  force_destroy = var.force_destroy_failure_bucket
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "failures" {
  count = local.failure_bucket_enabled ? 1 : 0

  bucket                  = aws_s3_bucket.failures[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "failures" {
  count = local.failure_bucket_enabled ? 1 : 0

  bucket = aws_s3_bucket.failures[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "failures" {
  count = local.failure_bucket_enabled ? 1 : 0

  bucket = aws_s3_bucket.failures[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "failures" {
  count = local.failure_bucket_enabled ? 1 : 0

  bucket = aws_s3_bucket.failures[0].id
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
  count = local.failure_bucket_enabled ? 1 : 0

  bucket = aws_s3_bucket.failures[0].id
  name   = "discarded-batches"
}

data "aws_iam_policy_document" "mapping" {
  statement {
    sid       = "ReadTheTableStream"
    actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
    resources = [var.stream_arn]
  }

  dynamic "statement" {
    for_each = local.failure_bucket_enabled ? [true] : []
    content {
      sid       = "KeepDiscardedBatches"
      actions   = ["s3:PutObject", "s3:ListBucket"]
      resources = [aws_s3_bucket.failures[0].arn, "${aws_s3_bucket.failures[0].arn}/*"]
    }
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

  dynamic "destination_config" {
    for_each = local.failure_bucket_enabled ? [true] : []
    content {
      on_failure {
        destination_arn = aws_s3_bucket.failures[0].arn
      }
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
