package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's handler reads its event's bytes and writes its answer's itself ({@link ApiGatewayEventJson}); until
 * then the Lambda runtime did both with the {@code CustomPojoSerializer} the jar registers
 * (micronaut-aws-lambda-events-serde's, which starts a serialization context of its own). Held to that serializer:
 * AWS's sample event, a thousand generated events — every member of payload 2.0 present or not, text of any
 * characters, members of the wrong JSON type or given twice, an authorizer's context of any shape — read to equal
 * events or refused by both, and a thousand generated answers written to the same bytes.
 */
class EventJsonAsTheJarsSerializerPropertyTest {
    private static final int TRIES = 1_000;
    /** Marks a generated member's second occurrence; written under the member's own name. */
    private static final String AGAIN = "\u0000again";
    private static final CustomPojoSerializer JARS_SERIALIZER = ServiceLoader.load(CustomPojoSerializer.class)
            .findFirst().orElseThrow(() -> new AssertionError("the jar registers no CustomPojoSerializer"));

    private final ApiGatewayEventJson eventJson = new ApiGatewayEventJson();

    /** What reading gave: the event, or that it was refused. */
    private sealed interface Read {
        record Event(APIGatewayV2HTTPEvent event) implements Read {
        }

        record Refused() implements Read {
        }
    }

    private Read byTheFunction(String json) {
        try {
            return new Read.Event(eventJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        } catch (IOException | RuntimeException refused) {
            return new Read.Refused();
        }
    }

    private static Read byTheJarsSerializer(String json) {
        try {
            return new Read.Event(JARS_SERIALIZER.fromJson(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), APIGatewayV2HTTPEvent.class));
        } catch (RuntimeException refused) {
            return new Read.Refused();
        }
    }

    @Example
    void awsSampleEventIsReadAsTheJarsSerializerReadsIt() throws IOException {
        String sample;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("dev/ripple/test/aws/apigateway-http-api-v2.json")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        Read read = byTheFunction(sample);

        assertThat(read).isInstanceOf(Read.Event.class).isEqualTo(byTheJarsSerializer(sample));
        assertThat(((Read.Event) read).event().getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry("claim1", "value1");
    }

    // Generated at random only: the mixed-in edge cases of every member's odd values would make nearly every event one
    // that both refuse.
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void everyEventIsReadAsTheJarsSerializerReadsItOrRefusedByBoth(@ForAll("events") String json) {
        Read read = byTheFunction(json);
        Statistics.collect(read instanceof Read.Event ? "read" : "refused");

        assertThat(read).as(json).isEqualTo(byTheJarsSerializer(json));

        // Most events must be read, or the property would hold of refusals alone; some must be refused.
        Statistics.coverage(coverage -> {
            coverage.check("read").percentage(share -> share > 60);
            coverage.check("refused").percentage(share -> share > 5);
        });
    }

    @Property(tries = TRIES)
    void everyAnswerIsWrittenAsTheJarsSerializerWritesIt(@ForAll("answers") APIGatewayV2HTTPResponse answer) {
        assertThat(writtenByTheFunction(answer)).isEqualTo(writtenByTheJarsSerializer(answer));
    }

    /** The answer's JSON, or that it could not be written. */
    private String writtenByTheFunction(APIGatewayV2HTTPResponse answer) {
        try {
            var out = new ByteArrayOutputStream();
            eventJson.write(answer, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException refused) {
            return "refused";
        }
    }

    private static String writtenByTheJarsSerializer(APIGatewayV2HTTPResponse answer) {
        try {
            var out = new ByteArrayOutputStream();
            JARS_SERIALIZER.toJson(answer, out, APIGatewayV2HTTPResponse.class);
            return out.toString(StandardCharsets.UTF_8);
        } catch (RuntimeException refused) {
            return "refused";
        }
    }

    // --- generated events: a JSON tree per payload 2.0's members, written as text below ---

    /** Any JSON value: what a member of the wrong type holds. */
    private static Arbitrary<Object> anyValue() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(text(), Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast), Arbitraries.bigIntegers()
                        .between(BigInteger.TEN.pow(19), BigInteger.TEN.pow(22)).map(Object.class::cast),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1e6), BigDecimal.valueOf(1e6)).ofScale(3)
                        .map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast), Arbitraries.just(null));
        return Arbitraries.recursive(() -> scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(5), inner).ofMaxSize(3)
                        .map(Object.class::cast)), 0, 2);
    }

    /** Text of any characters, unpaired surrogates and control characters included. */
    private static Arbitrary<Object> text() {
        return Arbitraries.strings().all().ofMaxLength(12).map(Object.class::cast);
    }

    /** The first, nine times in ten; else one of the others. */
    @SafeVarargs
    private static Arbitrary<Object> oftenTheFirst(Arbitrary<Object> first, Arbitrary<Object>... others) {
        return Arbitraries.frequencyOf(Tuple.of(9 * others.length, first), Tuple.of(others.length,
                Arbitraries.oneOf(List.of(others))));
    }

    /** Mostly the member's own type; now and then null or any other JSON value. */
    private static Arbitrary<Object> member(Arbitrary<Object> shaped) {
        return Arbitraries.frequencyOf(Tuple.of(200, shaped), Tuple.of(2, Arbitraries.just(null)),
                Tuple.of(1, anyValue()));
    }

    /**
     * A map's key: printable ASCII as a header's name is, now and then any characters — jackson-core itself refuses a
     * name with an unpaired surrogate, for both readers alike, which would otherwise refuse most events.
     */
    private static Arbitrary<String> key() {
        return Arbitraries.frequencyOf(Tuple.of(19, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(8)));
    }

    private static Arbitrary<Object> textMap() {
        return Arbitraries.maps(key(), member(text())).ofMaxSize(4).map(Object.class::cast);
    }

    private static Arbitrary<Object> textList() {
        return member(text()).list().ofMaxSize(3).map(Object.class::cast);
    }

    /** An object of these members, each present or absent. */
    private static Arbitrary<Object> object(Map<String, Arbitrary<Object>> members) {
        List<Arbitrary<Map.Entry<String, Object>>> present = members.entrySet().stream()
                .map(m -> Arbitraries.integers().between(0, 4).flatMap(absent -> absent == 0
                        ? Arbitraries.just((Map.Entry<String, Object>) null)
                        : member(m.getValue()).map(value -> entry(m.getKey(), value))))
                .toList();
        // Now and then a member given a second time, with a value of its own.
        Arbitrary<Map.Entry<String, Object>> again = Arbitraries.of(List.copyOf(members.keySet()))
                .flatMap(name -> member(members.get(name)).map(value -> entry(name + AGAIN, value)))
                .injectNull(0.85);
        return Combinators.combine(Combinators.combine(present).as(ArrayList::new), again).as((entries, twice) -> {
            var object = new LinkedHashMap<String, Object>();
            entries.stream().filter(Objects::nonNull).forEach(e -> object.put(e.getKey(), e.getValue()));
            if (twice != null) {
                object.put(twice.getKey(), twice.getValue());
            }
            return (Object) object;
        });
    }

    /** A member and its value, which may be null. */
    private static Map.Entry<String, Object> entry(String name, Object value) {
        return new AbstractMap.SimpleEntry<>(name, value);
    }

    private static Map<String, Arbitrary<Object>> members(Object... nameThenValue) {
        var members = new LinkedHashMap<String, Arbitrary<Object>>();
        for (int i = 0; i < nameThenValue.length; i += 2) {
            @SuppressWarnings("unchecked")
            Arbitrary<Object> value = (Arbitrary<Object>) nameThenValue[i + 1];
            members.put((String) nameThenValue[i], value);
        }
        return members;
    }

    @Provide
    Arbitrary<String> events() {
        // Besides the member's own type, the coercions' edges: text and decimals where a number or a flag belongs.
        Arbitrary<Object> epoch = oftenTheFirst(
                Arbitraries.longs().between(0, 4_102_444_800_000L).map(Object.class::cast),
                Arbitraries.of("+5", "-5", "1.9", " 5", "", "1583348638390", "9223372036854775808", "0x10")
                        .map(Object.class::cast),
                Arbitraries.of(new BigDecimal("-1.9"), new BigDecimal("1e3"), new BigDecimal("9223372036854775807.5"),
                        new BigDecimal("1e20"), true, false, List.of(5), List.of()).map(Object.class::cast));
        Arbitrary<Object> bool = oftenTheFirst(Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.of("true", " true ", "TRUE", "false", "1", "yes", "null").map(Object.class::cast),
                Arbitraries.of(0, 1, -1, 2, new BigDecimal("0.5"), new BigDecimal("-0.0"), new BigDecimal("0.0"),
                        new BigInteger("12345678901234567890123"), List.of(true), List.of(),
                        Map.of()).map(Object.class::cast));
        Arbitrary<Object> http = object(members("method", text(), "path", text(), "protocol", text(),
                "sourceIp", text(), "userAgent", text()));
        Arbitrary<Object> cognito = object(members("amr", textList(), "identityId", text(), "identityPoolId", text()));
        Arbitrary<Object> iam = object(members("accessKey", text(), "accountId", text(), "callerId", text(),
                "cognitoIdentity", cognito, "principalOrgId", text(), "userArn", text(), "userId", text()));
        Arbitrary<Object> jwt = object(members("claims", textMap(), "scopes", textList()));
        Arbitrary<Object> lambdaContext = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), anyValue())
                .ofMaxSize(4).map(Object.class::cast);
        Arbitrary<Object> authorizer = object(members("jwt", jwt, "lambda", lambdaContext, "iam", iam));
        Arbitrary<Object> requestContext = object(members("routeKey", text(), "accountId", text(), "stage", text(),
                "apiId", text(), "domainName", text(), "domainPrefix", text(), "time", text(), "timeEpoch", epoch,
                "http", http, "authorizer", authorizer, "requestId", text()));
        Arbitrary<Object> event = object(members("version", text(), "routeKey", text(), "rawPath", text(),
                "rawQueryString", text(), "cookies", textList(), "headers", textMap(),
                "queryStringParameters", textMap(), "pathParameters", textMap(), "stageVariables", textMap(),
                "body", text(), "isBase64Encoded", bool, "requestContext", requestContext,
                "anUnknownMember", anyValue()));
        return event.map(EventJsonAsTheJarsSerializerPropertyTest::json);
    }

    @Provide
    Arbitrary<APIGatewayV2HTTPResponse> answers() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(12).injectNull(0.1);
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(8), text)
                .ofMaxSize(4).injectNull(0.2);
        Arbitrary<Map<String, List<String>>> repeated = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(8),
                text.list().ofMaxSize(3)).ofMaxSize(3).injectNull(0.5);
        return Combinators.combine(Arbitraries.integers().between(100, 599), headers, repeated,
                        text.list().ofMaxSize(3).injectNull(0.5), text, Arbitraries.of(true, false))
                .as((status, single, multi, cookies, body, base64) -> APIGatewayV2HTTPResponse.builder()
                        .withStatusCode(status).withHeaders(single).withMultiValueHeaders(multi).withCookies(cookies)
                        .withBody(body).withIsBase64Encoded(base64).build());
    }

    /**
     * A JSON tree as text, written here rather than by a JSON library: every character outside printable ASCII is
     * escaped, so text with unpaired surrogates — which a library would refuse to write — reaches the readers.
     */
    private static String json(Object value) {
        var out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String text -> {
                out.append('"');
                for (char c : text.toCharArray()) {
                    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
                out.append('"');
            }
            case Map<?, ?> map -> {
                out.append('{');
                String comma = "";
                for (Map.Entry<?, ?> member : map.entrySet()) {
                    out.append(comma);
                    write(((String) member.getKey()).replace(AGAIN, ""), out);
                    out.append(':');
                    write(member.getValue(), out);
                    comma = ",";
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                String comma = "";
                for (Object element : list) {
                    out.append(comma);
                    write(element, out);
                    comma = ",";
                }
                out.append(']');
            }
            case BigDecimal decimal -> out.append(decimal.toPlainString());
            default -> out.append(value);
        }
    }
}
