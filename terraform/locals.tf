locals {
  name = "${var.name_prefix}-${var.stage}"

  # event-source-mapping.json states it so that the local emulator cuts invocations off where Lambda does.
  consumer_timeout = coalesce(var.consumer_timeout, module.mapping_settings.settings.function_timeout_in_seconds)

  # What ./mvnw -B -DskipTests package builds in this repository.
  default_api_jar_path      = "${path.root}/../api/target/ripple-api-lambda.jar"
  default_consumer_jar_path = "${path.root}/../consumer/target/ripple-consumer-lambda.jar"

  api_jar_path      = coalesce(var.api_jar_path, local.default_api_jar_path)
  consumer_jar_path = coalesce(var.consumer_jar_path, local.default_consumer_jar_path)

  api_handler      = "dev.ripple.api.lambda.ApiFunction"
  consumer_handler = "dev.ripple.consumer.StreamHandler::handleRequest"

  # Each DynamoDB call of the API gives up within a third of the function's timeout (at most 9 s, an attempt at most
  # 3 s), so that a request whose DynamoDB has gone silent — its call, then the release of its Idempotency-Key — still
  # answers 503 with Retry-After before Lambda stops the function (docs/reliability.md).
  api_dynamodb_call_timeout    = min(9, max(1, floor(var.api_timeout / 3)))
  api_dynamodb_attempt_timeout = min(3, local.api_dynamodb_call_timeout)
  # The issuer's key set, fetched for a token the authorizer did not check (one sent to a public route), is had within
  # another third, both tries of it (a connection refused or closed is tried once more): each 2/5 of a sixth to
  # connect and 3/5 to answer, at most the function's own 2 s and 3 s. A silent issuer and then a silent DynamoDB still
  # leave the request time to answer before Lambda stops the function.
  api_key_set_connect_timeout_ms = min(2000, floor(var.api_timeout * 1000 / 15))
  api_key_set_read_timeout_ms    = min(3000, floor(var.api_timeout * 1000 / 10))

  # The failure destination's write to S3 gives up within a quarter of the consumer's timeout (at most 30 s, an
  # attempt at most 10 s), so that a batch whose S3 has gone silent fails in time to be delivered again, rather than
  # running until Lambda stops the invocation (docs/reliability.md).
  consumer_s3_call_timeout    = min(30, max(1, floor(local.consumer_timeout / 4)))
  consumer_s3_attempt_timeout = min(10, local.consumer_s3_call_timeout)

  # How long the consumer has to deliver a batch: its timeout less the failure destination's call timeout and a second
  # to answer (BatchProcessor.TO_ANSWER), after which it hands the rest of the batch back to the next invocation; with
  # nothing left after those, it has no such deadline and delivers until the timeout. (Written "+ -1 *": the HCL reader
  # terraform-tests check the files with takes no binary minus.)
  consumer_to_conclude      = local.consumer_s3_call_timeout + 1
  consumer_delivery_seconds = local.consumer_timeout > local.consumer_to_conclude ? local.consumer_timeout + -1 * local.consumer_to_conclude : local.consumer_timeout

  # Without origins the variable is left out: an empty one would name an origin "", which is not valid.
  api_cors_environment = length(var.cors_allowed_origins) == 0 ? {} : {
    RIPPLE_API_CORS_ALLOWED_ORIGINS = join(",", var.cors_allowed_origins)
  }

  sinks_in_routes = toset(flatten([for route in values(var.routes) : route.sinks]))

  # What the consumer publishes (dev.ripple.consumer.metrics.MetricNames, and the Slack sink's own; terraform-tests
  # compare the two): the dashboard and the alarms name metrics from here only.
  ripple_metrics = {
    namespace                     = "Ripple"
    stage_dimension               = "Stage"
    sink_dimension                = "Sink"
    records                       = "Records"
    unrouted                      = "Unrouted"
    undecodable                   = "Undecodable"
    delivered                     = "Delivered"
    delivered_earlier             = "DeliveredEarlier"
    skipped                       = "Skipped"
    retryable_failures            = "RetryableFailures"
    handed_back_untried           = "HandedBackUntried"
    permanent_failures            = "PermanentFailures"
    delivery_lag                  = "DeliveryLag"
    slack_rate_limit_waits        = "RateLimitWaits"
    slack_rate_limit_wait_seconds = "RateLimitWaitSeconds"
  }

  # Who may call what, route by route, as the api function's ApiRoutes decides it (terraform-tests compare the two).
  # JWT: API Gateway's authorizer refuses a token without one of the scopes before the function runs. NONE: public,
  # or the function alone can tell (a vote's Vote-Token is not a JWT).
  api_routes = {
    "POST /votes"                     = { authorization = "NONE", scopes = [] }
    "GET /votes/{voteId}"             = { authorization = "NONE", scopes = [] }
    "PUT /votes/{voteId}/answers"     = { authorization = "NONE", scopes = [] }
    "GET /content/{contentId}/counts" = { authorization = "NONE", scopes = [] }
    "GET /content/{contentId}/votes"  = { authorization = "JWT", scopes = ["ripple/votes.read"] }
    "POST /customers"                 = { authorization = "NONE", scopes = [] }
    "GET /customers/{customerId}"     = { authorization = "JWT", scopes = ["ripple/customers.read"] }
    "POST /players/{playerId}/plays"  = { authorization = "JWT", scopes = ["ripple/plays.write"] }
    "GET /players/{playerId}/plays"   = { authorization = "JWT", scopes = ["ripple/plays.read", "ripple/player"] }
    "GET /players/{playerId}/badges"  = { authorization = "NONE", scopes = [] }
    "POST /logs/{log}/{id}/events"    = { authorization = "JWT", scopes = ["ripple/logs.write"] }
    "GET /logs/{log}/{id}/events"     = { authorization = "JWT", scopes = ["ripple/logs.read"] }
  }

  # The resource server's scopes (ripple/<name>), and those a service may be granted (not ripple/player).
  api_scopes = {
    "plays.write"    = "Post plays for any player (the game's backend)"
    "plays.read"     = "Read any player's plays"
    "logs.write"     = "Append events to logs"
    "logs.read"      = "Read logs"
    "customers.read" = "Read customers (their email and name)"
    "votes.read"     = "Read any vote and the votes of content"
    "player"         = "A player's own token: their own plays"
  }
  api_service_scopes = [for name in keys(local.api_scopes) : name if name != "player"]

  # The stage's issuer: the one given, or the user pool this stack creates.
  api_jwt_issuer    = var.api_jwt_issuer != null ? var.api_jwt_issuer : module.token_issuer[0].issuer
  api_jwt_audiences = var.api_jwt_issuer != null ? var.api_jwt_audiences : [module.token_issuer[0].services_client_id]
  api_jwks_url = (var.api_jwt_issuer == null ? module.token_issuer[0].jwks_url
  : coalesce(var.api_jwks_url, "${trimsuffix(var.api_jwt_issuer, "/")}/.well-known/jwks.json"))

  # Sign-ups and votes are anonymous: they get the tightest limits.
  api_route_throttling = {
    "POST /votes"     = var.api_vote_throttling
    "POST /customers" = var.api_signup_throttling
  }
}
