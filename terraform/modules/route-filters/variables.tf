variable "routes" {
  description = "The consumer's routes (ripple.routes): item type => the stream events (INSERT, MODIFY, REMOVE) and sinks it goes to. The type \"*\" takes every item."
  type = map(object({
    events = list(string)
    sinks  = list(string)
  }))

  validation {
    condition     = alltrue([for route in values(var.routes) : length(route.events) > 0 && length(setsubtract(route.events, ["INSERT", "MODIFY", "REMOVE"])) == 0])
    error_message = "Every route needs events, each one of INSERT, MODIFY, REMOVE."
  }

  validation {
    condition     = alltrue([for route in values(var.routes) : length(route.sinks) > 0])
    error_message = "Every route needs at least one sink."
  }
}
