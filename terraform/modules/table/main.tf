# The tables as domain/TableDefinitions declares them for the local stack: pk/sk, the gsi1 index over
# gsi1pk/gsi1sk with every attribute projected, and a stream with both images, which the consumer needs to tell
# what changed. A test compares the two.

resource "aws_dynamodb_table" "this" {
  name         = var.name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  deletion_protection_enabled = var.deletion_protection_enabled

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "gsi1pk"
    type = "S"
  }

  attribute {
    name = "gsi1sk"
    type = "S"
  }

  global_secondary_index {
    name            = "gsi1"
    hash_key        = "gsi1pk"
    range_key       = "gsi1sk"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery_enabled
  }

  # The AWS managed key (aws/dynamodb): encrypted at rest without key policies to keep in step with the roles.
  server_side_encryption {
    enabled = true
  }

  tags = var.tags
}

# Idempotency receipts, API idempotency keys and the badges' per-player bookkeeping. No stream: nothing written
# here is a change anyone reacts to. Items expire through TTL on expiresAt.
resource "aws_dynamodb_table" "receipts" {
  name         = "${var.name}-receipts"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  deletion_protection_enabled = var.deletion_protection_enabled

  attribute {
    name = "pk"
    type = "S"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  # The AWS managed key (aws/dynamodb): encrypted at rest without key policies to keep in step with the roles.
  server_side_encryption {
    enabled = true
  }

  tags = var.tags
}
