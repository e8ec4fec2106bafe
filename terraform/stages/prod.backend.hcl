# State of the prod stage: terraform init -reconfigure -backend-config=stages/prod.backend.hcl
# The bucket is created once, out of band, with versioning on (README, "Deploy a stage").
bucket       = "ripple-terraform-state-prod"
key          = "ripple/prod/terraform.tfstate"
region       = "eu-west-1"
encrypt      = true
use_lockfile = true
