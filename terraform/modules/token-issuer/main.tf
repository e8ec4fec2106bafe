# The stage's OAuth 2.0 issuer when no other is given: a Cognito user pool with a resource server whose scopes are the
# API's, a client-credentials app client for the services (the game's backend, the log owners, staff tools) and the
# pool's domain, whose /oauth2/token hands out access tokens. Players' own tokens (scope ripple/player) come from an
# app client of the game's sign-in, which the game creates on this pool.

resource "aws_cognito_user_pool" "this" {
  name                = var.name
  deletion_protection = var.deletion_protection_enabled ? "ACTIVE" : "INACTIVE"
  tags                = var.tags
}

resource "aws_cognito_resource_server" "api" {
  user_pool_id = aws_cognito_user_pool.this.id
  identifier   = var.resource_server_identifier
  name         = "${var.name} API"

  dynamic "scope" {
    for_each = var.scopes
    content {
      scope_name        = scope.key
      scope_description = scope.value
    }
  }
}

resource "aws_cognito_user_pool_client" "services" {
  name                                 = "${var.name}-services"
  user_pool_id                         = aws_cognito_user_pool.this.id
  generate_secret                      = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = [for name in var.service_scopes : "${var.resource_server_identifier}/${name}"]
  access_token_validity                = var.access_token_validity_minutes
  token_validity_units {
    access_token = "minutes"
  }
  # Scopes must exist before a client may be allowed them.
  depends_on = [aws_cognito_resource_server.api]
}

resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}
