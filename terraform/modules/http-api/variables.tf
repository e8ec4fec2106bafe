variable "name" {
  description = "Name of the HTTP API (ripple-<stage>)."
  type        = string
}

variable "function_name" {
  description = "Name of the api function."
  type        = string
}

variable "function_alias_name" {
  description = "The api function's alias that the integration invokes."
  type        = string
}

variable "function_alias_invoke_arn" {
  description = "Invoke ARN of that alias."
  type        = string
}

variable "throttling_rate_limit" {
  description = "Requests per second the stage accepts on average before answering 429."
  type        = number
  default     = 50
}

variable "throttling_burst_limit" {
  description = "Requests the stage accepts in a burst before answering 429."
  type        = number
  default     = 100
}

variable "routes" {
  description = "The API's routes (\"METHOD /path/{var}\") and who may call each: authorization NONE (public, or checked by the function alone) or JWT with the scopes of which a token must carry one."
  type = map(object({
    authorization = string
    scopes        = list(string)
  }))

  validation {
    condition     = alltrue([for route in values(var.routes) : contains(["NONE", "JWT"], route.authorization)])
    error_message = "Each route's authorization is NONE or JWT."
  }

  validation {
    condition     = alltrue([for route in values(var.routes) : (route.authorization == "JWT") == (length(route.scopes) > 0)])
    error_message = "A JWT route names at least one scope; a NONE route names none."
  }
}

variable "jwt_issuer" {
  description = "The iss the JWT authorizer accepts (the Cognito pool's https://cognito-idp.<region>.amazonaws.com/<id>, or another OpenID provider's issuer URL)."
  type        = string
}

variable "jwt_audiences" {
  description = "What a token's aud, or for a Cognito access token its client_id, must name one of."
  type        = list(string)

  validation {
    condition     = length(var.jwt_audiences) > 0
    error_message = "Name at least one audience."
  }
}

variable "route_throttling" {
  description = "Routes throttled tighter than the stage's default: route key => requests per second and burst."
  type = map(object({
    rate_limit  = number
    burst_limit = number
  }))
  default = {}
}

variable "integration_timeout_milliseconds" {
  description = "How long API Gateway waits for the function (at most 30000)."
  type        = number
  default     = 29000

  validation {
    condition     = var.integration_timeout_milliseconds >= 50 && var.integration_timeout_milliseconds <= 30000
    error_message = "integration_timeout_milliseconds is between 50 and 30000."
  }
}

variable "access_log_retention_days" {
  description = "How long the access log is kept."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags for the API, its stage and its access log group."
  type        = map(string)
  default     = {}
}
