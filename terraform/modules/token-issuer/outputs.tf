output "issuer" {
  description = "The iss of the pool's tokens, https://cognito-idp.<region>.amazonaws.com/<pool id>."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "jwks_url" {
  description = "Where the pool publishes its signing keys."
  value       = "https://${aws_cognito_user_pool.this.endpoint}/.well-known/jwks.json"
}

output "user_pool_id" {
  description = "The user pool."
  value       = aws_cognito_user_pool.this.id
}

output "services_client_id" {
  description = "The services' app client: the client_id its tokens carry, an audience the API accepts. Its secret: aws cognito-idp describe-user-pool-client."
  value       = aws_cognito_user_pool_client.services.id
}

output "token_url" {
  description = "The client-credentials token endpoint."
  value       = "https://${aws_cognito_user_pool_domain.this.domain}.auth.${aws_cognito_user_pool_domain.this.region}.amazoncognito.com/oauth2/token"
}
