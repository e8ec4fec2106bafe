# State of the dev stage: terraform init -reconfigure -backend-config=stages/dev.backend.hcl
# The bucket is created once, out of band, with versioning on (README, "Deploy a stage").
bucket       = "ripple-terraform-state-dev"
key          = "ripple/dev/terraform.tfstate"
region       = "eu-west-1"
encrypt      = true
use_lockfile = true
