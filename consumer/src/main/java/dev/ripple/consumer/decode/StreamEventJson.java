package dev.ripple.consumer.decode;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a DynamoDB stream batch as Lambda hands it over, and writes the partial batch response, as the Lambda Java
 * runtime's event serializer would ({@code aws-lambda-java-serialization}: the same property names, the same
 * coercions, {@code ApproximateCreationDateTime} as epoch seconds, binary values in base64, unknown members ignored).
 *
 * <p>Written here rather than left to the runtime: its serializer is Jackson's databind with the events' mix-ins
 * and Joda-Time, ~770 classes and a quarter of a second of a cold start on Lambda's flags, loaded for one fixed shape
 * that jackson-core's streaming parser — loaded anyway for the metrics' JSON — reads in a page. The tests hold it to
 * the runtime's serializer on AWS's sample event, every attribute type and a thousand generated batches, broken ones
 * included.
 */
@Singleton
public final class StreamEventJson {
    /**
     * Reads as leniently as the runtime's parser (its {@code JacksonFactory}); the streams are the runtime's, left
     * open for it to close.
     */
    private final JsonFactory json = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** The batch; a shape the runtime's serializer would refuse throws, failing the invocation as it would. */
    public DynamodbEvent read(InputStream input) throws IOException {
        try (JsonParser parser = json.createParser(input)) {
            parser.nextToken();
            return object(parser, "the event", DynamodbEvent::new, (member, p, event) -> {
                if (member.equals("Records")) {
                    event.setRecords(list(p, StreamEventJson::record));
                } else {
                    p.skipChildren();
                }
            });
        }
    }

    /** The response as the runtime's serializer writes it: members that are null left out. */
    public void write(StreamsEventResponse response, OutputStream output) throws IOException {
        try (JsonGenerator generator = json.createGenerator(output)) {
            generator.writeStartObject();
            if (response.getBatchItemFailures() != null) {
                generator.writeArrayFieldStart("batchItemFailures");
                for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                    generator.writeStartObject();
                    if (failure.getItemIdentifier() != null) {
                        generator.writeStringField("itemIdentifier", failure.getItemIdentifier());
                    }
                    generator.writeEndObject();
                }
                generator.writeEndArray();
            }
            generator.writeEndObject();
        }
    }

    private interface Reader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /** Reads one object's members; the parser stands on its START_OBJECT. */
    private interface Members<T> {
        void read(String member, JsonParser parser, T into) throws IOException;
    }

    /**
     * An object where databind, as the runtime configures it, would take one: also out of a one-element array
     * ({@code UNWRAP_SINGLE_VALUE_ARRAYS}), and none for {@code null}, an empty array or empty text
     * ({@code ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT}, {@code ACCEPT_EMPTY_STRING_AS_NULL_OBJECT}).
     */
    private static <T> T object(JsonParser parser, String what, Supplier<T> empty,
                                Members<T> members) throws IOException {
        return unwrapping(parser, p -> {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NULL || token == JsonToken.VALUE_STRING && p.getText().isEmpty()) {
                return null;
            }
            expect(p, JsonToken.START_OBJECT, what);
            T into = empty.get();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String member = p.currentName();
                p.nextToken();
                members.read(member, p, into);
            }
            return into;
        });
    }

    /** A value as it is or as the one element of an array; an empty array is none. */
    private static <T> T unwrapping(JsonParser parser, Reader<T> reader) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return reader.read(parser);
        }
        if (parser.nextToken() == JsonToken.END_ARRAY) {
            return null;
        }
        T value = reader.read(parser);
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw refused(parser, "one value, not an array of them");
        }
        return value;
    }

    private static DynamodbStreamRecord record(JsonParser parser) throws IOException {
        return object(parser, "a record", DynamodbStreamRecord::new, (member, p, record) -> {
            switch (member) {
                case "eventID" -> record.setEventID(text(p));
                case "eventName" -> record.setEventName(text(p));
                case "eventVersion" -> record.setEventVersion(text(p));
                case "eventSource" -> record.setEventSource(text(p));
                case "awsRegion" -> record.setAwsRegion(text(p));
                case "eventSourceARN" -> record.setEventSourceARN(text(p));
                case "dynamodb" -> record.setDynamodb(change(p));
                case "userIdentity" -> record.setUserIdentity(identity(p));
                default -> p.skipChildren();
            }
        });
    }

    private static StreamRecord change(JsonParser parser) throws IOException {
        return object(parser, "a dynamodb section", StreamRecord::new, (member, p, change) -> {
            switch (member) {
                case "ApproximateCreationDateTime" -> change.setApproximateCreationDateTime(date(p));
                case "Keys" -> change.setKeys(map(p));
                case "NewImage" -> change.setNewImage(map(p));
                case "OldImage" -> change.setOldImage(map(p));
                case "SequenceNumber" -> change.setSequenceNumber(text(p));
                case "SizeBytes" -> change.setSizeBytes(number(p));
                case "StreamViewType" -> change.setStreamViewType(streamViewType(p));
                default -> p.skipChildren();
            }
        });
    }

    /** A type this model does not know, or none, is refused: the model's setter throws on it under the runtime too. */
    private static StreamViewType streamViewType(JsonParser parser) throws IOException {
        String name = text(parser);
        for (StreamViewType type : StreamViewType.values()) {
            if (type.toString().equals(name)) {
                return type;
            }
        }
        throw refused(parser, "a stream view type");
    }

    private static Identity identity(JsonParser parser) throws IOException {
        return object(parser, "a userIdentity", Identity::new, (member, p, identity) -> {
            switch (member) {
                case "principalId" -> identity.setPrincipalId(text(p));
                case "type" -> identity.setType(text(p));
                default -> p.skipChildren();
            }
        });
    }

    private static AttributeValue attribute(JsonParser parser) throws IOException {
        return object(parser, "an attribute value", AttributeValue::new, (member, p, value) -> {
            switch (member) {
                case "S" -> value.setS(text(p));
                case "N" -> value.setN(text(p));
                case "B" -> value.setB(binary(p));
                case "SS" -> value.setSS(list(p, StreamEventJson::text));
                case "NS" -> value.setNS(list(p, StreamEventJson::text));
                case "BS" -> value.setBS(list(p, StreamEventJson::binary));
                case "M" -> value.setM(map(p));
                case "L" -> value.setL(list(p, StreamEventJson::attribute));
                case "NULL" -> value.setNULL(bool(p));
                case "BOOL" -> value.setBOOL(bool(p));
                default -> p.skipChildren();
            }
        });
    }

    private static Map<String, AttributeValue> map(JsonParser parser) throws IOException {
        return object(parser, "a map of attributes", LinkedHashMap::new,
                (name, p, map) -> map.put(name, attribute(p)));
    }

    /** A list; any other value is a list of that one ({@code ACCEPT_SINGLE_VALUE_AS_ARRAY}). */
    private static <T> List<T> list(JsonParser parser, Reader<T> element) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        List<T> list = new ArrayList<>();
        if (token != JsonToken.START_ARRAY) {
            list.add(element.read(parser));
            return list;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(element.read(parser));
        }
        return list;
    }

    /** As Jackson's databind reads a {@code String}: any scalar as its text; an object is refused. */
    private static String text(JsonParser parser) throws IOException {
        return unwrapping(parser, p -> {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (!token.isScalarValue()) {
                throw refused(p, "a text");
            }
            return p.getText();
        });
    }

    /** As databind reads a {@code Long}: an integer, a decimal cut to one, or a text holding one. */
    private static Long number(JsonParser parser) throws IOException {
        return unwrapping(parser, p -> switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> (long) p.getDoubleValue();
            case VALUE_STRING -> {
                String text = p.getText().strip();
                try {
                    yield text.isEmpty() ? null : Long.parseLong(text);
                } catch (NumberFormatException notANumber) {
                    throw refused(p, "a whole number");
                }
            }
            default -> throw refused(p, "a whole number");
        });
    }

    /** As databind reads a {@code Boolean}: {@code true}/{@code false}, or a text or integer saying which. */
    private static Boolean bool(JsonParser parser) throws IOException {
        return unwrapping(parser, p -> switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NUMBER_INT -> p.getIntValue() != 0;
            case VALUE_STRING -> switch (p.getText().strip()) {
                case "true", "True", "TRUE" -> true;
                case "false", "False", "FALSE" -> false;
                case "" -> null;
                default -> throw refused(p, "true or false");
            };
            default -> throw refused(p, "true or false");
        });
    }

    private static ByteBuffer binary(JsonParser parser) throws IOException {
        return unwrapping(parser, p -> {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.VALUE_STRING) {
                throw refused(p, "base64 text");
            }
            return ByteBuffer.wrap(p.getBinaryValue());
        });
    }

    /** As the runtime's date module reads it: epoch seconds with a fraction, or a text holding them; 0 is none. */
    private static Date date(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw refused(parser, "epoch seconds");
        }
        double seconds = parser.getValueAsDouble();
        return seconds == 0.0 ? null : new Date((long) (seconds * 1000));
    }

    private static void expect(JsonParser parser, JsonToken token, String what) throws IOException {
        if (parser.currentToken() != token) {
            throw refused(parser, what);
        }
    }

    private static IOException refused(JsonParser parser, String expected) {
        return new InputCoercionException(parser, "expected " + expected + ", found " + parser.currentToken(),
                parser.currentToken(), Object.class);
    }
}
