package dev.ripple.local.cli;

import java.util.List;
import java.util.Map;

/**
 * What an operator reads of one failure document: when, why, which sink, which items.
 *
 * @param sink the sink that refused the record ({@code reason} says {@code <sink>: …}); "-" for the mapping's own
 *             documents and undecodable records
 */
record FailureSummary(String name, String timestamp, String condition, String reason, String sink, String itemType,
                      List<String> keys, int records) {

    @SuppressWarnings("unchecked")
    static FailureSummary of(FailureStore.Stored stored) {
        Map<String, Object> document = stored.document();
        var request = (Map<String, Object>) document.get("requestContext");
        String reason = document.get("reason") instanceof String text ? text : "(no reason: the mapping's own document)";
        int colon = reason.indexOf(": ");
        String sink = colon > 0 && !reason.substring(0, colon).contains(" ") ? reason.substring(0, colon) : "-";
        var records = (List<Map<String, Object>>) ((Map<String, Object>) document.get("payload")).get("Records");
        var change = records.getFirst().get("dynamodb") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.<String, Object>of();
        var image = change.get("NewImage") instanceof Map<?, ?> n ? (Map<String, Object>) n
                : change.get("OldImage") instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.<String, Object>of();
        String type = image.get("type") instanceof Map<?, ?> t && t.get("S") instanceof String s ? s : "-";
        List<String> keys = change.get("Keys") instanceof Map<?, ?> k ? k.values().stream()
                .map(value -> value instanceof Map<?, ?> typed ? String.valueOf(typed.values().iterator().next())
                        : String.valueOf(value)).toList() : List.of();
        String timestamp = document.get("timestamp") instanceof String t ? t : stored.stored().toString();
        return new FailureSummary(stored.name(), timestamp, String.valueOf(request.get("condition")), reason, sink, type,
                keys, records.size());
    }

    Map<String, Object> asMap() {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("name", name);
        map.put("timestamp", timestamp);
        map.put("condition", condition);
        map.put("reason", reason);
        map.put("sink", sink);
        map.put("itemType", itemType);
        map.put("keys", keys);
        map.put("records", records);
        return map;
    }

    String line() {
        return String.format("%s  %-22s  %-13s  %-8s %-44s  %d record(s)  %s  %s", timestamp, condition, sink, itemType,
                String.join("/", keys), records, reason, name);
    }
}
