package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.function.BinaryTypeConfiguration;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventServletRequest;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPResponseServletResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.codec.MediaTypeCodecRegistry;
import io.micronaut.servlet.http.BodyBuilder;
import io.micronaut.servlet.http.DefaultBodyBuilder;
import io.micronaut.servlet.http.ServletHttpRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HeadersReadOnceRequest} reads an event as micronaut-function-aws-api-proxy's own request does — each compared
 * with that request made from the same event — and its headers once.
 */
class HeadersReadOnceRequestTest {
    private final ApiGatewayEvents events = new ApiGatewayEvents();
    private final ConversionService conversionService = ConversionService.SHARED;
    private final BodyBuilder bodyBuilder = new DefaultBodyBuilder(MediaTypeCodecRegistry.of());

    private HeadersReadOnceRequest<Object> ours(APIGatewayV2HTTPEvent event) {
        return new HeadersReadOnceRequest<>(event, response(), conversionService, bodyBuilder);
    }

    private ServletHttpRequest<APIGatewayV2HTTPEvent, Object> micronauts(APIGatewayV2HTTPEvent event) {
        return new APIGatewayV2HTTPEventServletRequest<>(event, response(), conversionService, bodyBuilder);
    }

    private APIGatewayV2HTTPResponseServletResponse<Object> response() {
        return new APIGatewayV2HTTPResponseServletResponse<>(conversionService, new BinaryTypeConfiguration()) {
        };
    }

    private APIGatewayV2HTTPEvent event(String method, String pathAndQuery, String body) {
        return events.request(method, pathAndQuery, Map.of("Content-Type", "application/json; charset=UTF-8",
                "Accept", "application/problem+json, application/json", "Origin", "https://blog.example",
                "X-Forwarded-For", "203.0.113.7, 10.0.0.1"), body);
    }

    private static void assertReadAlike(HttpRequest<?> ours, HttpRequest<?> micronauts) {
        assertThat(ours.getMethodName()).isEqualTo(micronauts.getMethodName());
        assertThat(ours.getUri()).isEqualTo(micronauts.getUri());
        assertThat(ours.getPath()).isEqualTo(micronauts.getPath());
        assertThat(ours.getHeaders().asMap()).isEqualTo(micronauts.getHeaders().asMap());
        assertThat(ours.getParameters().asMap()).isEqualTo(micronauts.getParameters().asMap());
        assertThat(ours.getContentType()).isEqualTo(micronauts.getContentType());
        assertThat(ours.getCharacterEncoding()).isEqualTo(micronauts.getCharacterEncoding());
        assertThat(ours.accept()).isEqualTo(micronauts.accept());
        assertThat(ours.getOrigin()).isEqualTo(micronauts.getOrigin());
    }

    @Test
    void readsMethodPathQueryAndHeadersAsMicronautsRequestDoes() {
        APIGatewayV2HTTPEvent event = event("GET", "/content/post-1/votes?limit=5&after=a%2Cb&tag=x&tag=y", null);

        assertReadAlike(ours(event), micronauts(event));
        assertThat(ours(event).getParameters().get("limit")).isEqualTo("5");
    }

    @Test
    void readsATextBodyAsMicronautsRequestDoes() throws Exception {
        APIGatewayV2HTTPEvent event = event("POST", "/votes", "{\"contentId\":\"post-1\",\"voter\":\"Zoë\"}");

        var ours = ours(event);
        assertReadAlike(ours, micronauts(event));
        assertThat(new String(ours.getBodyBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"contentId\":\"post-1\",\"voter\":\"Zoë\"}");
    }

    @Test
    void readsABase64BodyAsMicronautsRequestDoes() throws Exception {
        APIGatewayV2HTTPEvent event = event("POST", "/votes", null);
        byte[] body = "{\"contentId\":\"post-1\"}".getBytes(StandardCharsets.UTF_8);
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);

        var ours = ours(event);
        assertReadAlike(ours, micronauts(event));
        assertThat(ours.getBodyBytes()).isEqualTo(body);
    }

    @Test
    void givesTheSameHeadersEachTimeCaseInsensitively() {
        var request = ours(event("POST", "/votes", "{}"));

        assertThat(request.getHeaders()).isSameAs(request.getHeaders());
        assertThat(request.getHeaders().get("content-type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(request.getHeaders().get("ORIGIN")).isEqualTo("https://blog.example");
    }

    @Test
    void keepsAHeaderAddedToTheRequest() {
        var request = ours(event("POST", "/votes", "{}"));

        request.getHeaders().add("X-Request-Id", "abc");

        assertThat(request.getHeaders().get("x-request-id")).isEqualTo("abc");
    }

    @Test
    void answersWithTheResponseItWasMadeWith() {
        var response = response();
        var request = new HeadersReadOnceRequest<>(event("GET", "/health", null), response, conversionService,
                bodyBuilder);

        assertThat(request.getResponse()).isSameAs(response);
        assertThat(request.getResponse().getNativeResponse()).isInstanceOf(APIGatewayV2HTTPResponse.class);
    }
}
