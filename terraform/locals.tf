locals {
  name = "${var.name_prefix}-${var.stage}"

  # What ./mvnw -B -DskipTests package builds in this repository.
  default_api_jar_path      = "${path.root}/../api/target/ripple-api-lambda.jar"
  default_consumer_jar_path = "${path.root}/../consumer/target/ripple-consumer-lambda.jar"

  api_jar_path      = coalesce(var.api_jar_path, local.default_api_jar_path)
  consumer_jar_path = coalesce(var.consumer_jar_path, local.default_consumer_jar_path)

  api_handler      = "dev.ripple.api.lambda.ApiFunction"
  consumer_handler = "dev.ripple.consumer.StreamHandler::handleRequest"

  # Without origins the variable is left out: an empty one would name an origin "", which is not valid.
  api_cors_environment = length(var.cors_allowed_origins) == 0 ? {} : {
    RIPPLE_API_CORS_ALLOWED_ORIGINS = join(",", var.cors_allowed_origins)
  }

  sinks_in_routes = toset(flatten([for route in values(var.routes) : route.sinks]))
}
