provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      application = "ripple"
      stage       = var.stage
    })
  }
}

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

data "aws_partition" "current" {}
