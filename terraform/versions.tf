terraform {
  # 1.10 for the S3 backend's own locking (use_lockfile in stages/*.backend.hcl); the modules need 1.6.
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.66"
    }
  }

  # Filled in per stage: terraform init -backend-config=stages/<stage>.backend.hcl
  backend "s3" {}
}
