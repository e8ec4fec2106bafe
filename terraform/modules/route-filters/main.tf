# The filter criteria that let through exactly the changes some route wants, so that item types no sink wants never
# cost an invocation. The same rules as dev.ripple.consumer.routing.RouteFilters, which the local emulator uses; a
# test evaluates this module with terraform and compares the two on several route sets.
#
# Inserts and modifications are recognised by the new image's type, removals by the old image's (a removal has no
# new image). Routes with the same events share one pattern, so there are never more than four (inserts,
# modifications, both, removals): within Lambda's limit of 5.

locals {
  with_new_image = ["INSERT", "MODIFY"]

  takes_every_type = contains(keys(var.routes), "*")

  # "INSERT,MODIFY" => ["customer", "vote"], ...
  new_image_types_by_events = {
    for type, route in var.routes :
    join(",", sort(setintersection(route.events, local.with_new_image))) => type...
    if length(setintersection(route.events, local.with_new_image)) > 0
  }

  old_image_types = sort([for type, route in var.routes : type if contains(route.events, "REMOVE")])

  new_image_groups = [
    for events, types in local.new_image_types_by_events :
    { image = "NewImage", events = split(",", events), types = sort(distinct(types)) }
  ]

  old_image_groups = length(local.old_image_types) > 0 ? [
    { image = "OldImage", events = ["REMOVE"], types = local.old_image_types }
  ] : []

  groups = concat(local.new_image_groups, local.old_image_groups)

  patterns = local.takes_every_type ? [] : [
    for group in local.groups : jsonencode({
      eventName = group.events
      dynamodb  = zipmap([group.image], [{ type = { S = group.types } }])
    })
  ]
}
