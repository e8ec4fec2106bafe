package dev.ripple.test.aws;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shapes AWS itself writes, as recorded against AWS (LocalStack's AWS-validated snapshots of DynamoDB-stream
 * event source mappings; AWS's Lambda and DynamoDB Streams documentation): a stream record as Lambda hands it to a
 * function, and the invocation record an event source mapping writes to its on-failure destination. Each check
 * returns what differs — a key missing or extra, a value of the wrong type or format, a null where AWS always writes a
 * string — and is empty when nothing does. {@link OnFailureRecord#read} is the typed reader built on it.
 */
public final class AwsShapes {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    static final Set<String> RECORD_KEYS = Set.of("eventID", "eventName", "eventVersion", "eventSource", "awsRegion",
            "dynamodb", "eventSourceARN");
    /** A REMOVE by TTL carries who removed it: {@code {"type":"Service","principalId":"dynamodb.amazonaws.com"}}. */
    static final String USER_IDENTITY = "userIdentity";
    static final Set<String> CHANGE_KEYS = Set.of("ApproximateCreationDateTime", "Keys", "NewImage", "OldImage",
            "SequenceNumber", "SizeBytes", "StreamViewType");
    static final Set<String> VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");
    static final Set<String> ATTRIBUTE_TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "M", "L");
    /** {@code ddblocal} or {@code local} are not regions: a record must name one as AWS does. */
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
    static final Pattern STREAM_ARN = Pattern.compile(
            "arn:aws[a-z-]*:dynamodb:(?<region>[^:]+):\\d{12}:table/[A-Za-z0-9_.-]{3,255}/stream/"
                    + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
    static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:(?<region>[^:]+):\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?");
    /** The document's {@code timestamp}: UTC with exactly three digits of fraction. */
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    /** {@code approximateArrivalOf…Record}: UTC, whole seconds. */
    static final Pattern ARRIVAL = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    static final Pattern SEQUENCE_NUMBER = Pattern.compile("\\d{1,40}");
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Set<String> DOCUMENT_KEYS = Set.of("requestContext", "responseContext", "version", "timestamp",
            "DDBStreamBatchInfo");
    /** An S3 destination's document carries the records too. */
    static final String PAYLOAD = "payload";
    static final Set<String> CONDITIONS = Set.of("RetryAttemptsExhausted", "RecordAgeExceeded");

    private AwsShapes() {
    }

    /** A DynamoDB stream record as Lambda delivers it in a {@code DynamodbEvent}'s {@code Records}. */
    public static List<String> streamRecordProblems(Map<String, Object> record) {
        var problems = new Problems("record");
        problems.keys(record, RECORD_KEYS, Set.of(USER_IDENTITY));
        problems.string(record, "eventID", Pattern.compile("[0-9a-f]{1,64}|[0-9A-Za-z-]{1,64}"));
        String eventName = problems.string(record, "eventName", Pattern.compile("INSERT|MODIFY|REMOVE"));
        problems.equal(record, "eventVersion", "1.1");
        problems.equal(record, "eventSource", "aws:dynamodb");
        String region = problems.string(record, "awsRegion", REGION);
        String arn = problems.string(record, "eventSourceARN", STREAM_ARN);
        if (arn != null && region != null) {
            var matcher = STREAM_ARN.matcher(arn);
            if (matcher.matches() && !matcher.group("region").equals(region)) {
                problems.add("eventSourceARN names region " + matcher.group("region") + ", awsRegion " + region);
            }
        }
        if (!(record.get("dynamodb") instanceof Map<?, ?> change)) {
            problems.add("dynamodb is not an object");
            return problems.list;
        }
        @SuppressWarnings("unchecked")
        var dynamodb = (Map<String, Object>) change;
        var inner = new Problems("record.dynamodb", problems.list);
        inner.keys(dynamodb, Set.of("ApproximateCreationDateTime", "Keys", "SequenceNumber", "SizeBytes",
                "StreamViewType"), Set.of("NewImage", "OldImage"));
        if (!(dynamodb.get("ApproximateCreationDateTime") instanceof Number seconds)
                || seconds.doubleValue() < 1.0e9 || seconds.doubleValue() > 1.0e10) {
            inner.add("ApproximateCreationDateTime is not a number of epoch seconds: "
                    + dynamodb.get("ApproximateCreationDateTime"));
        }
        inner.string(dynamodb, "SequenceNumber", SEQUENCE_NUMBER);
        if (!(dynamodb.get("SizeBytes") instanceof Number size) || size.doubleValue() != Math.floor(size.doubleValue())
                || size.longValue() < 1) {
            inner.add("SizeBytes is not a positive whole number: " + dynamodb.get("SizeBytes"));
        }
        String viewType = inner.string(dynamodb, "StreamViewType", Pattern.compile(String.join("|", VIEW_TYPES)));
        inner.image(dynamodb, "Keys");
        if (viewType != null && eventName != null) {
            boolean newImage = !eventName.equals("REMOVE") && viewType.contains("NEW");
            boolean oldImage = !eventName.equals("INSERT") && viewType.contains("OLD");
            inner.presentIff(dynamodb, "NewImage", newImage, eventName, viewType);
            inner.presentIff(dynamodb, "OldImage", oldImage, eventName, viewType);
        }
        return problems.list;
    }

    /**
     * An on-failure destination's document for a DynamoDB stream, as JSON text. Ripple's documents may add
     * {@code reason}; with {@code payload} (an S3 destination) every record in it must be a stream record as above.
     *
     * @param conditions the {@code requestContext.condition} values allowed (AWS's two, plus Ripple's own for the
     *                   documents its consumer writes)
     */
    public static List<String> failureDocumentProblems(String json, Set<String> conditions, Set<String> extraKeys) {
        Map<String, Object> document;
        try {
            document = JSON.readValue(json, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            return List.of("not one JSON object: " + e.getMessage());
        }
        var problems = new Problems("document");
        var optional = new java.util.HashSet<>(extraKeys);
        optional.add(PAYLOAD);
        problems.keys(document, DOCUMENT_KEYS, optional);
        problems.equal(document, "version", "1.0");
        problems.string(document, "timestamp", TIMESTAMP);
        var request = problems.object(document, "requestContext");
        if (request != null) {
            var inner = new Problems("requestContext", problems.list);
            inner.keys(request, Set.of("requestId", "functionArn", "condition", "approximateInvokeCount"), Set.of());
            inner.string(request, "requestId", UUID);
            inner.string(request, "functionArn", FUNCTION_ARN);
            inner.string(request, "condition", Pattern.compile(String.join("|", conditions)));
            inner.wholeNumber(request, "approximateInvokeCount", 0);
        }
        var response = problems.object(document, "responseContext");
        if (response != null) {
            var inner = new Problems("responseContext", problems.list);
            inner.keys(response, Set.of("statusCode", "executedVersion", "functionError"), Set.of());
            inner.wholeNumber(response, "statusCode", 200);
            inner.string(response, "executedVersion", Pattern.compile("\\$LATEST|\\d+"));
            Object error = response.get("functionError");
            if (error != null && !"Unhandled".equals(error) && !"Handled".equals(error)) {
                inner.add("functionError is neither null, Unhandled nor Handled: " + error);
            }
        }
        var batch = problems.object(document, "DDBStreamBatchInfo");
        if (batch != null) {
            var inner = new Problems("DDBStreamBatchInfo", problems.list);
            inner.keys(batch, Set.of("shardId", "startSequenceNumber", "endSequenceNumber",
                    "approximateArrivalOfFirstRecord", "approximateArrivalOfLastRecord", "batchSize", "streamArn"),
                    Set.of());
            inner.string(batch, "shardId", Pattern.compile("shardId-[0-9A-Za-z-]+|unknown"));
            inner.string(batch, "startSequenceNumber", SEQUENCE_NUMBER);
            inner.string(batch, "endSequenceNumber", SEQUENCE_NUMBER);
            inner.string(batch, "approximateArrivalOfFirstRecord", ARRIVAL);
            inner.string(batch, "approximateArrivalOfLastRecord", ARRIVAL);
            inner.wholeNumber(batch, "batchSize", 1);
            inner.string(batch, "streamArn", STREAM_ARN);
        }
        if (document.containsKey(PAYLOAD)) {
            var payload = problems.object(document, PAYLOAD);
            if (payload != null && !(payload.get("Records") instanceof List<?> records && !records.isEmpty())) {
                problems.add("payload.Records is not a list of records");
            } else if (payload != null) {
                @SuppressWarnings("unchecked")
                var records = (List<Object>) payload.get("Records");
                for (int i = 0; i < records.size(); i++) {
                    int index = i;
                    if (records.get(i) instanceof Map<?, ?> record) {
                        @SuppressWarnings("unchecked")
                        var typed = (Map<String, Object>) record;
                        streamRecordProblems(typed).forEach(p -> problems.add("payload.Records[" + index + "]: " + p));
                    } else {
                        problems.add("payload.Records[" + i + "] is not an object");
                    }
                }
                if (batch != null && batch.get("batchSize") instanceof Number size && size.intValue() != records.size()) {
                    problems.add("DDBStreamBatchInfo.batchSize " + size + " but " + records.size() + " records");
                }
            }
        }
        return problems.list;
    }

    /** Collects what differs, each prefixed with where it is. */
    private static final class Problems {
        private final String where;
        private final List<String> list;

        Problems(String where) {
            this(where, new ArrayList<>());
        }

        Problems(String where, List<String> list) {
            this.where = where;
            this.list = list;
        }

        void add(String problem) {
            list.add(where + ": " + problem);
        }

        void keys(Map<String, Object> object, Set<String> required, Set<String> optional) {
            for (String key : required) {
                if (!object.containsKey(key)) {
                    add("no " + key);
                }
            }
            for (String key : object.keySet()) {
                if (!required.contains(key) && !optional.contains(key)) {
                    add("a key AWS does not write: " + key);
                }
            }
        }

        String string(Map<String, Object> object, String key, Pattern format) {
            Object value = object.get(key);
            if (!(value instanceof String text)) {
                if (object.containsKey(key) || value != null) {
                    add(key + " is not a string: " + value);
                }
                return null;
            }
            if (!format.matcher(text).matches()) {
                add(key + " '" + text + "' does not match " + format.pattern());
                return null;
            }
            return text;
        }

        void equal(Map<String, Object> object, String key, String expected) {
            if (!expected.equals(object.get(key))) {
                add(key + " is " + object.get(key) + ", AWS writes " + expected);
            }
        }

        void wholeNumber(Map<String, Object> object, String key, long atLeast) {
            if (!(object.get(key) instanceof Number number) || number.doubleValue() != Math.floor(number.doubleValue())
                    || number.longValue() < atLeast) {
                add(key + " is not a whole number of at least " + atLeast + ": " + object.get(key));
            }
        }

        Map<String, Object> object(Map<String, Object> parent, String key) {
            if (parent.get(key) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                var typed = (Map<String, Object>) map;
                return typed;
            }
            add(key + " is not an object: " + parent.get(key));
            return null;
        }

        void presentIff(Map<String, Object> change, String image, boolean expected, String eventName,
                        String viewType) {
            if (change.containsKey(image) != expected) {
                add(image + (expected ? " missing" : " present") + " for " + eventName + " with " + viewType);
            } else if (expected) {
                image(change, image);
            }
        }

        void image(Map<String, Object> change, String key) {
            if (!(change.get(key) instanceof Map<?, ?> attributes) || attributes.isEmpty()) {
                add(key + " is not a non-empty map of attributes");
                return;
            }
            attributes.forEach((name, value) -> attribute(key + "." + name, value));
        }

        private void attribute(String path, Object value) {
            if (!(value instanceof Map<?, ?> typed) || typed.size() != 1
                    || !ATTRIBUTE_TYPES.contains(typed.keySet().iterator().next().toString())) {
                add(path + " is not one typed attribute value: " + value);
                return;
            }
            String type = typed.keySet().iterator().next().toString();
            Object inner = typed.values().iterator().next();
            boolean ok = switch (type) {
                case "S" -> inner instanceof String;
                case "N" -> inner instanceof String n && n.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
                case "B" -> inner instanceof String b && base64(b);
                case "BOOL" -> inner instanceof Boolean;
                case "NULL" -> Boolean.TRUE.equals(inner);
                case "SS" -> inner instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(String.class::isInstance);
                case "NS" -> inner instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(String.class::isInstance);
                case "BS" -> inner instanceof List<?> l && !l.isEmpty()
                        && l.stream().allMatch(b -> b instanceof String s && base64(s));
                case "M" -> inner instanceof Map<?, ?>;
                case "L" -> inner instanceof List<?>;
                default -> false;
            };
            if (!ok) {
                add(path + " holds no valid " + type + ": " + inner);
            } else if (type.equals("M")) {
                ((Map<?, ?>) inner).forEach((name, member) -> attribute(path + "." + name, member));
            } else if (type.equals("L")) {
                var items = (List<?>) inner;
                for (int i = 0; i < items.size(); i++) {
                    attribute(path + "[" + i + "]", items.get(i));
                }
            }
        }

        private static boolean base64(String text) {
            try {
                Base64.getDecoder().decode(text);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
