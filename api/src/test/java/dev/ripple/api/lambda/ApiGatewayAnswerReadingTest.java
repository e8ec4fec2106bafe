package dev.ripple.api.lambda;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests' API Gateway reads a function's answer as AWS documents it for payload format 2.0. */
class ApiGatewayAnswerReadingTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void anAnswerWithAStatusCodeGivesItsStatusHeadersCookiesAndBody() {
        var answer = ApiGatewayHttpApi.asApiGatewayReadsIt(bytes("""
                {"statusCode":201,"headers":{"Location":"/votes/v1","ETag":"\\"1\\""},
                 "multiValueHeaders":{"Vary":["Origin","Accept"]},"cookies":["a=1","b=2; Secure"],
                 "body":"{\\"voteId\\":\\"v1\\"}","isBase64Encoded":false}"""));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers()).containsExactly(java.util.Map.entry("Location", "/votes/v1"),
                java.util.Map.entry("ETag", "\"1\""));
        assertThat(answer.cookies()).containsExactly("a=1", "b=2; Secure");
        assertThat(text(answer.body())).isEqualTo("{\"voteId\":\"v1\"}");
    }

    @Test
    void aBase64BodyIsDecoded() {
        var answer = ApiGatewayHttpApi.asApiGatewayReadsIt(bytes(
                "{\"statusCode\":200,\"body\":\"aGVsbG8=\",\"isBase64Encoded\":true}"));

        assertThat(text(answer.body())).isEqualTo("hello");
        assertThat(answer.headers()).isEmpty();
    }

    @Test
    void anAnswerInJsonWithoutAStatusCodeIsSentAsItIsWith200InJson() {
        for (String json : new String[] {"{\"voteId\":\"v1\",\"body\":\"not this\"}", "[1,2]", "\"text\"", "42",
                "null"}) {
            var answer = ApiGatewayHttpApi.asApiGatewayReadsIt(bytes(json));

            assertThat(answer.status()).as(json).isEqualTo(200);
            assertThat(answer.headers()).as(json).containsExactly(java.util.Map.entry("content-type",
                    "application/json"));
            assertThat(text(answer.body())).as(json).isEqualTo(json);
        }
    }

    @Test
    void anAnswerThatIsNotJsonIsAnInternalServerError() {
        var answer = ApiGatewayHttpApi.asApiGatewayReadsIt(bytes("Created"));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(text(answer.body())).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }
}
