# The filter criteria that let through exactly the changes some route wants, so that item types no sink wants never
# cost an invocation. The same rules as dev.ripple.consumer.routing.RouteFilters, which the local emulator uses; a
# test evaluates this module with terraform and compares the two on several route sets.
#
# Inserts and modifications are recognised by the new image's type, removals by the old image's (a removal has no
# new image). Routes with the same events share one pattern. Lambda takes at most 5 patterns: beyond that the
# patterns are merged into one per image, which lets through too much rather than too little.

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

  merged_groups = concat(
    length(local.new_image_groups) > 0 ? [{
      image  = "NewImage"
      events = sort(distinct(flatten(local.new_image_groups[*].events)))
      types  = sort(distinct(flatten(local.new_image_groups[*].types)))
    }] : [],
    local.old_image_groups
  )

  chosen_groups = length(local.groups) > 5 ? local.merged_groups : local.groups

  patterns = local.takes_every_type ? [] : [
    for group in local.chosen_groups : jsonencode({
      eventName = group.events
      dynamodb  = zipmap([group.image], [{ type = { S = group.types } }])
    })
  ]
}
