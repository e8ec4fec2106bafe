package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads an API Gateway HTTP API event (payload format 2.0) as Lambda hands it over, and writes the function's answer,
 * as the {@code CustomPojoSerializer} the jar registers would (micronaut-aws-lambda-events-serde's: Micronaut
 * Serialization over jackson-core): the same members, the same coercions — text from numbers and booleans as written,
 * a one-element array taken for its element, {@code true}, {@code "true"} or a non-zero number for a flag, whole
 * numbers from text —, the first of a member given twice, unknown members skipped, and members that are null left out
 * of the answer.
 *
 * <p>Written here rather than left to that serializer, which starts a serialization context of its own on a cold
 * start, or to the function's own JSON mapper, which reads every string strictly (a request body's number is no
 * text) and so would fail, with a 500, an event whose text the serializer read. jackson-core's streaming parser,
 * loaded anyway for the bodies' JSON, reads this one fixed shape in a page. The tests hold it to that serializer on
 * AWS's sample event and on a thousand generated events and answers, broken ones included.
 */
public final class ApiGatewayEventJson {
    /** Jackson's defaults, as the serializer's; the streams are the runtime's, left open for it to close. */
    private final JsonFactory json = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** The event, or null for a payload of {@code null}; a shape the serializer would refuse throws. */
    public APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        try (JsonParser parser = json.createParser(input)) {
            if (parser.nextToken() == null) {
                throw new EOFException("No JSON input to parse");
            }
            return event(parser);
        }
    }

    /** The answer as the serializer writes it: members that are null left out, the status and the flag always. */
    public void write(APIGatewayV2HTTPResponse answer, OutputStream output) throws IOException {
        try (JsonGenerator generator = json.createGenerator(output)) {
            generator.writeStartObject();
            generator.writeNumberField("statusCode", answer.getStatusCode());
            if (answer.getHeaders() != null && !answer.getHeaders().isEmpty()) {
                generator.writeFieldName("headers");
                writeTextMap(generator, answer.getHeaders());
            }
            if (answer.getMultiValueHeaders() != null && !answer.getMultiValueHeaders().isEmpty()) {
                generator.writeObjectFieldStart("multiValueHeaders");
                for (Map.Entry<String, List<String>> header : answer.getMultiValueHeaders().entrySet()) {
                    generator.writeFieldName(header.getKey());
                    writeTextList(generator, header.getValue());
                }
                generator.writeEndObject();
            }
            if (answer.getCookies() != null && !answer.getCookies().isEmpty()) {
                generator.writeFieldName("cookies");
                writeTextList(generator, answer.getCookies());
            }
            if (answer.getBody() != null && !answer.getBody().isEmpty()) {
                generator.writeStringField("body", answer.getBody());
            }
            generator.writeBooleanField("isBase64Encoded", answer.getIsBase64Encoded());
            generator.writeEndObject();
        }
    }

    private static void writeTextMap(JsonGenerator generator, Map<String, String> map) throws IOException {
        generator.writeStartObject();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            generator.writeFieldName(entry.getKey());
            generator.writeString(entry.getValue());
        }
        generator.writeEndObject();
    }

    private static void writeTextList(JsonGenerator generator, List<String> list) throws IOException {
        if (list == null) {
            generator.writeNull();
            return;
        }
        generator.writeStartArray();
        for (String text : list) {
            generator.writeString(text);
        }
        generator.writeEndArray();
    }

    private static APIGatewayV2HTTPEvent event(JsonParser parser) throws IOException {
        return object(parser, APIGatewayV2HTTPEvent::new, (member, p, event) -> {
            switch (member) {
                case "version" -> event.setVersion(text(p));
                case "routeKey" -> event.setRouteKey(text(p));
                case "rawPath" -> event.setRawPath(text(p));
                case "rawQueryString" -> event.setRawQueryString(text(p));
                case "cookies" -> event.setCookies(textList(p));
                case "headers" -> event.setHeaders(textMap(p));
                case "queryStringParameters" -> event.setQueryStringParameters(textMap(p));
                case "pathParameters" -> event.setPathParameters(textMap(p));
                case "stageVariables" -> event.setStageVariables(textMap(p));
                case "body" -> event.setBody(text(p));
                case "isBase64Encoded" -> event.setIsBase64Encoded(flag(p));
                case "requestContext" -> event.setRequestContext(requestContext(p));
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static RequestContext requestContext(JsonParser parser) throws IOException {
        return object(parser, RequestContext::new, (member, p, context) -> {
            switch (member) {
                case "routeKey" -> context.setRouteKey(text(p));
                case "accountId" -> context.setAccountId(text(p));
                case "stage" -> context.setStage(text(p));
                case "apiId" -> context.setApiId(text(p));
                case "domainName" -> context.setDomainName(text(p));
                case "domainPrefix" -> context.setDomainPrefix(text(p));
                case "time" -> context.setTime(text(p));
                case "timeEpoch" -> context.setTimeEpoch(wholeNumber(p));
                case "http" -> context.setHttp(http(p));
                case "authorizer" -> context.setAuthorizer(authorizer(p));
                case "requestId" -> context.setRequestId(text(p));
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static RequestContext.Http http(JsonParser parser) throws IOException {
        return object(parser, RequestContext.Http::new, (member, p, http) -> {
            switch (member) {
                case "method" -> http.setMethod(text(p));
                case "path" -> http.setPath(text(p));
                case "protocol" -> http.setProtocol(text(p));
                case "sourceIp" -> http.setSourceIp(text(p));
                case "userAgent" -> http.setUserAgent(text(p));
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static RequestContext.Authorizer authorizer(JsonParser parser) throws IOException {
        return object(parser, RequestContext.Authorizer::new, (member, p, authorizer) -> {
            switch (member) {
                case "jwt" -> authorizer.setJwt(object(p, RequestContext.Authorizer.JWT::new, (name, q, jwt) -> {
                    switch (name) {
                        case "claims" -> jwt.setClaims(textMap(q));
                        case "scopes" -> jwt.setScopes(textList(q));
                        default -> {
                            return false;
                        }
                    }
                    return true;
                }));
                case "lambda" -> authorizer.setLambda(anyObject(p));
                case "iam" -> authorizer.setIam(iam(p));
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private static RequestContext.IAM iam(JsonParser parser) throws IOException {
        return object(parser, RequestContext.IAM::new, (member, p, iam) -> {
            switch (member) {
                case "accessKey" -> iam.setAccessKey(text(p));
                case "accountId" -> iam.setAccountId(text(p));
                case "callerId" -> iam.setCallerId(text(p));
                case "cognitoIdentity" -> iam.setCognitoIdentity(object(p, RequestContext.CognitoIdentity::new,
                        (name, q, identity) -> {
                            switch (name) {
                                case "amr" -> identity.setAmr(textList(q));
                                case "identityId" -> identity.setIdentityId(text(q));
                                case "identityPoolId" -> identity.setIdentityPoolId(text(q));
                                default -> {
                                    return false;
                                }
                            }
                            return true;
                        }));
                case "principalOrgId" -> iam.setPrincipalOrgId(text(p));
                case "userArn" -> iam.setUserArn(text(p));
                case "userId" -> iam.setUserId(text(p));
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    /** Reads one member of an object into it; false for a member the type does not have. */
    private interface Members<T> {
        boolean read(String member, JsonParser parser, T into) throws IOException;
    }

    /**
     * An object, or none for {@code null}; the parser stands on its first token. A member given twice keeps its first
     * value, as the serializer's bean reader does; members the type does not have are skipped.
     */
    private static <T> T object(JsonParser parser, Supplier<T> empty, Members<T> members) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw unexpected(parser, JsonToken.START_OBJECT);
        }
        T into = empty.get();
        // A list, not a set: a dozen names at most, and a set's table and entries would cost a vote a kilobyte.
        List<String> read = new ArrayList<>(12);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            parser.nextToken();
            if (read.contains(member)) {
                parser.skipChildren();
                continue;
            }
            read.add(member);
            if (!members.read(member, parser, into)) {
                parser.skipChildren();
            }
        }
        return into;
    }

    /** Text: a string as it is, a number or a boolean as written, one string in an array; none for {@code null}. */
    private static String text(JsonParser parser) throws IOException {
        return scalar(parser, ApiGatewayEventJson::textNotInAnArray, JsonToken.VALUE_STRING);
    }

    private static String textNotInAnArray(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> parser.getText();
            case START_ARRAY, START_OBJECT, END_OBJECT, END_ARRAY, FIELD_NAME ->
                    throw unexpected(parser, JsonToken.VALUE_STRING);
            default -> parser.getValueAsString();
        };
    }

    /** A flag: {@code true}, a number other than zero, text that is {@code "true"} once trimmed; false for none. */
    private static boolean flag(JsonParser parser) throws IOException {
        Boolean flag = scalar(parser, ApiGatewayEventJson::flagNotInAnArray, JsonToken.VALUE_TRUE);
        return flag != null && flag;
    }

    private static Boolean flagNotInAnArray(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NUMBER_FLOAT -> parser.getFloatValue() != 0.0;
            case VALUE_NULL -> null;
            case START_ARRAY, START_OBJECT, END_OBJECT, END_ARRAY, FIELD_NAME ->
                    throw unexpected(parser, JsonToken.VALUE_TRUE);
            default -> parser.getValueAsBoolean();
        };
    }

    /** A whole number: a number (a decimal cut to its whole part), text of one, 1 for true; 0 for none. */
    private static long wholeNumber(JsonParser parser) throws IOException {
        Long number = scalar(parser, ApiGatewayEventJson::wholeNumberNotInAnArray, JsonToken.VALUE_NUMBER_INT);
        return number == null ? 0 : number;
    }

    private static Long wholeNumberNotInAnArray(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_STRING -> {
                try {
                    yield Long.parseLong(parser.getText());
                } catch (NumberFormatException notANumber) {
                    throw new InputCoercionException(parser, "Unable to coerce string to integer",
                            JsonToken.VALUE_STRING, Long.TYPE);
                }
            }
            case VALUE_FALSE -> 0L;
            case VALUE_TRUE -> 1L;
            case VALUE_NULL -> null;
            case START_ARRAY, START_OBJECT, END_OBJECT, END_ARRAY, FIELD_NAME ->
                    throw unexpected(parser, JsonToken.VALUE_NUMBER_INT);
            default -> parser.getValueAsLong();
        };
    }

    /** Reads one value of a kind, or none, where the parser stands. */
    private interface Scalar<T> {
        T read(JsonParser parser) throws IOException;
    }

    /**
     * A value of a kind, also as the one element of an array, as serde's decoder unwraps it (not an array in an
     * array, and not none: {@code [null]} is refused).
     */
    private static <T> T scalar(JsonParser parser, Scalar<T> notInAnArray, JsonToken expected) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return notInAnArray.read(parser);
        }
        parser.nextToken();
        T only = notInAnArray.read(parser);
        if (only == null) {
            throw unexpected(parser, expected);
        }
        endOfOneElementArray(parser);
        return only;
    }

    private static void endOfOneElementArray(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw new InputCoercionException(parser, "Expected one value, but got an array of several",
                    parser.currentToken(), Object.class);
        }
    }

    private static Map<String, String> textMap(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw unexpected(parser, JsonToken.START_OBJECT);
        }
        var map = new LinkedHashMap<String, String>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            map.put(key, text(parser));
        }
        return map;
    }

    private static List<String> textList(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw unexpected(parser, JsonToken.START_ARRAY);
        }
        var list = new ArrayList<String>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(text(parser));
        }
        return list;
    }

    /** A Lambda authorizer's context: any JSON object, its numbers as jackson-core reads them. */
    private static Map<String, Object> anyObject(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw unexpected(parser, JsonToken.START_OBJECT);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) anyValue(parser);
        return object;
    }

    private static Object anyValue(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                var map = new LinkedHashMap<String, Object>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, anyValue(parser));
                }
                yield map;
            }
            case START_ARRAY -> {
                var list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(anyValue(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw unexpected(parser, JsonToken.START_OBJECT);
        };
    }

    private static IOException unexpected(JsonParser parser, JsonToken expected) {
        return new InputCoercionException(parser, "Unexpected token " + parser.currentToken() + ", expected "
                + expected, parser.currentToken(), Object.class);
    }
}
